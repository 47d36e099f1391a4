using PestProtocol.Domain.Thermometer;

namespace PestProtocol.Domain.Tests.Thermometer;

/// <summary>Filling in block by block: progress, finishing later, and a clear refusal that loses nothing.</summary>
public sealed class DraftTests
{
    private static Dictionary<string, int?> AllOf(int block, int score) =>
        ThermometerQuestionnaire.Items.Where(i => i.Block.Number == block).ToDictionary(i => i.Id, _ => (int?)score);

    [Fact]
    public void Blocks_fill_in_one_by_one_and_progress_shows_the_next()
    {
        var draft = ThermometerDraft.Empty;
        Assert.Equal(1, draft.NextBlock);
        for (var block = 1; block <= 7; block++)
        {
            var step = draft.WithBlock(block, AllOf(block, block % 6));
            Assert.True(step.IsOk, step.Refusal);
            draft = step.Value!;
            Assert.Equal(block, draft.CompletedBlocks.Count);
        }

        Assert.True(draft.IsComplete);
        var response = draft.Finish().Value!;
        Assert.Equal(42, response.Scores.Count);
    }

    [Fact]
    public void A_block_with_an_item_left_open_is_refused_naming_it_and_the_draft_keeps_its_earlier_blocks()
    {
        var draft = ThermometerDraft.Empty.WithBlock(1, AllOf(1, 4)).Value!;
        var partial = AllOf(2, 3);
        partial["b2.schoolplein"] = null;
        var refused = draft.WithBlock(2, partial);
        Assert.False(refused.IsOk);
        Assert.Contains("Op het schoolplein", refused.Refusal, StringComparison.Ordinal);
        Assert.Equal([1], draft.CompletedBlocks);
        Assert.Equal(2, draft.NextBlock);
    }

    [Fact]
    public void Scores_off_the_scale_unknown_blocks_and_items_of_another_block_are_refused()
    {
        var offScale = AllOf(1, 4);
        offScale["b1.mening"] = 6;
        Assert.False(ThermometerDraft.Empty.WithBlock(1, offScale).IsOk);
        Assert.False(ThermometerDraft.Empty.WithBlock(8, AllOf(1, 4)).IsOk);
        var mixed = AllOf(1, 4);
        mixed["b2.klas"] = 3;
        Assert.False(ThermometerDraft.Empty.WithBlock(1, mixed).IsOk);
    }

    [Fact]
    public void An_unfinished_draft_cannot_be_sent()
    {
        var draft = ThermometerDraft.Empty.WithBlock(1, AllOf(1, 4)).Value!;
        var finish = draft.Finish();
        Assert.False(finish.IsOk);
        Assert.Contains("Deel 2 van 7", finish.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_finished_response_holds_no_identity()
    {
        var names = typeof(ThermometerResponse).GetProperties().Select(p => p.Name).ToList();
        Assert.Equal(["Gender", "Afdeling", "Scores"], names);
    }
}
