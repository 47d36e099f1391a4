using PestProtocol.Domain.Prevention;

namespace PestProtocol.Domain.Tests.FollowUps;

/// <summary>The yearly prevention round: the protocol's items, and what is still to do per location.</summary>
public sealed class PreventionChecklistTests
{
    [Fact]
    public void The_checklist_holds_what_the_protocol_asks_at_the_start_of_the_year()
    {
        var texts = PreventionChecklist.Items.Select(i => i.Text).ToList();
        Assert.Contains(texts, t => t.Contains("leerlingen", StringComparison.Ordinal) && t.Contains("schoolbeleid", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("ouders/verzorgers", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("collega's", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("alle medewerkers", StringComparison.Ordinal));
        Assert.Equal(PreventionActor.Mentor, PreventionChecklist.Items.Single(i => i.Id == PreventionChecklist.ClassRulesId).Actor);
    }

    [Fact]
    public void Outstanding_lists_what_is_not_done_with_the_classes_by_name()
    {
        var progress = new PreventionProgress(
            new Dictionary<string, DateOnly> { ["beleid-leerlingen"] = new(2026, 9, 2), ["beleid-ouders"] = new(2026, 9, 3) },
            new Dictionary<string, DateOnly> { ["2b"] = new(2026, 9, 4) });
        var outstanding = progress.Outstanding(["3c", "2b", "1a"]);
        Assert.Equal(
            [
                "Het schoolbeleid over pesten onder de aandacht gebracht bij de collega's",
                "De gedragsregels doorgenomen met alle medewerkers",
                "Gedragsregels besproken met 1a",
                "Gedragsregels besproken met 3c",
            ],
            outstanding);
    }

    [Theory]
    [InlineData(2026, 8, 1, 2026)]
    [InlineData(2026, 7, 31, 2025)]
    [InlineData(2027, 1, 15, 2026)]
    public void The_school_year_starts_on_the_first_of_August(int year, int month, int day, int schoolYear) =>
        Assert.Equal(schoolYear, PreventionChecklist.SchoolYearOf(new DateOnly(year, month, day)));
}
