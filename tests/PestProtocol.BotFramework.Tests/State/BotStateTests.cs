using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.State;

namespace PestProtocol.BotFramework.Tests.State;

public sealed class BotStateTests
{
    private sealed class Draft
    {
        public string Step { get; set; } = "";

        public List<string> Notes { get; set; } = [];

        public int Attempts { get; set; }

        public DateTimeOffset? StartedAt { get; set; }
    }

    private readonly MemoryStorage _memory = new();
    private readonly CountingStorage _storage;
    private readonly StateTestAdapter _adapter = new();

    public BotStateTests() => _storage = new CountingStorage(_memory);

    private static TurnContext Turn(StateTestAdapter adapter, string conversationId = "a:conv-1", string fromId = "29:user-1") =>
        new(adapter, StateTestAdapter.Message("hi", conversationId, fromId));

    [Fact]
    public async Task A_typed_property_comes_back_intact_after_a_restart()
    {
        var startedAt = new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.FromHours(1));
        var before = new ConversationState(_storage);
        var turn1 = Turn(_adapter);
        await before.CreateProperty<Draft>("draft").SetAsync(turn1, new Draft { Step = "route-b", Notes = ["gesprek gepland"], Attempts = 2, StartedAt = startedAt });
        await before.SaveChangesAsync(turn1);

        var after = new ConversationState(_storage);
        var turn2 = Turn(_adapter);
        var draft = await after.CreateProperty<Draft>("draft").GetAsync(turn2, () => new Draft());

        Assert.Equal("route-b", draft.Step);
        Assert.Equal(["gesprek gepland"], draft.Notes);
        Assert.Equal(2, draft.Attempts);
        Assert.Equal(startedAt, draft.StartedAt);
    }

    [Fact]
    public async Task A_turn_that_only_reads_writes_nothing()
    {
        var state = new ConversationState(_storage);
        var setup = Turn(_adapter);
        await state.CreateProperty<Draft>("draft").SetAsync(setup, new Draft { Step = "step-1", Notes = ["a"] });
        await state.SaveChangesAsync(setup);
        _storage.Reset();

        var turn = Turn(_adapter);
        var draft = await state.CreateProperty<Draft>("draft").GetAsync(turn, () => new Draft());
        await state.SaveChangesAsync(turn);

        Assert.Equal("step-1", draft.Step);
        Assert.Equal(1, _storage.Reads);
        Assert.Equal(0, _storage.Writes);
    }

    [Fact]
    public async Task A_default_value_is_stored_but_reading_it_again_next_turn_writes_nothing()
    {
        var state = new ConversationState(_storage);
        var first = Turn(_adapter);
        await state.CreateProperty<Draft>("draft").GetAsync(first, () => new Draft { Step = "new" });
        await state.SaveChangesAsync(first);
        Assert.Equal(1, _storage.Writes);

        var second = Turn(_adapter);
        var draft = await state.CreateProperty<Draft>("draft").GetAsync(second, () => new Draft());
        await state.SaveChangesAsync(second);

        Assert.Equal("new", draft.Step);
        Assert.Equal(1, _storage.Writes);
    }

    [Fact]
    public async Task Mutating_the_object_a_get_returned_is_saved_without_a_set()
    {
        var state = new ConversationState(_storage);
        var first = Turn(_adapter);
        (await state.CreateProperty<Draft>("draft").GetAsync(first, () => new Draft())).Notes.Add("mentor geïnformeerd");
        await state.SaveChangesAsync(first);

        var second = Turn(_adapter);
        var draft = await new ConversationState(_storage).CreateProperty<Draft>("draft").GetAsync(second, () => new Draft());

        Assert.Equal(["mentor geïnformeerd"], draft.Notes);
    }

    [Fact]
    public async Task Save_without_a_change_after_a_save_in_the_same_turn_writes_once()
    {
        var state = new ConversationState(_storage);
        var turn = Turn(_adapter);
        await state.CreateProperty<int>("count").SetAsync(turn, 1);

        await state.SaveChangesAsync(turn);
        await state.SaveChangesAsync(turn);
        await state.CreateProperty<int>("count").SetAsync(turn, 2);
        await state.SaveChangesAsync(turn);

        Assert.Equal(2, _storage.Writes);
        Assert.Equal(2, await new ConversationState(_memory).CreateProperty<int>("count").GetAsync(Turn(_adapter), () => 0));
    }

    [Fact]
    public async Task Two_turns_that_read_the_same_state_cannot_both_save_it()
    {
        var state = new ConversationState(_storage);
        var counter = state.CreateProperty<int>("count");
        var turnA = Turn(_adapter);
        var turnB = Turn(_adapter);
        await state.LoadAsync(turnA);
        await state.LoadAsync(turnB);

        await counter.SetAsync(turnA, 1);
        await counter.SetAsync(turnB, 2);
        await state.SaveChangesAsync(turnA);

        await Assert.ThrowsAsync<StoragePreconditionFailedException>(() => state.SaveChangesAsync(turnB));
        Assert.Equal(1, await new ConversationState(_memory).CreateProperty<int>("count").GetAsync(Turn(_adapter), () => 0));
    }

    [Fact]
    public async Task Forced_save_overwrites_a_newer_document()
    {
        var state = new ConversationState(_storage);
        var counter = state.CreateProperty<int>("count");
        var turnA = Turn(_adapter);
        var turnB = Turn(_adapter);
        await state.LoadAsync(turnA);
        await state.LoadAsync(turnB);
        await counter.SetAsync(turnA, 1);
        await counter.SetAsync(turnB, 2);
        await state.SaveChangesAsync(turnA);

        await state.SaveChangesAsync(turnB, force: true);

        Assert.Equal(2, await new ConversationState(_memory).CreateProperty<int>("count").GetAsync(Turn(_adapter), () => 0));
    }

    [Fact]
    public async Task Delete_removes_the_stored_document()
    {
        var state = new ConversationState(_storage);
        var setup = Turn(_adapter);
        await state.CreateProperty<string>("secret").SetAsync(setup, "anoniem");
        await state.SaveChangesAsync(setup);
        Assert.Equal(1, _memory.Count);

        var turn = Turn(_adapter);
        await state.LoadAsync(turn);
        await state.DeleteAsync(turn);
        await state.SaveChangesAsync(turn);

        Assert.Equal(0, _memory.Count);
        Assert.Equal(1, _storage.Writes);
        Assert.Null(await new ConversationState(_memory).CreateProperty<string>("secret").GetAsync(Turn(_adapter), () => null!));
    }

    [Fact]
    public async Task Clear_state_empties_the_document_for_the_next_turn()
    {
        var state = new ConversationState(_storage);
        var setup = Turn(_adapter);
        await state.CreateProperty<int>("count").SetAsync(setup, 5);
        await state.SaveChangesAsync(setup);

        var turn = Turn(_adapter);
        await state.ClearStateAsync(turn);
        await state.SaveChangesAsync(turn);

        Assert.Equal(0, await new ConversationState(_memory).CreateProperty<int>("count").GetAsync(Turn(_adapter), () => 0));
    }

    [Fact]
    public async Task Deleting_a_property_removes_only_that_property()
    {
        var state = new ConversationState(_storage);
        var setup = Turn(_adapter);
        await state.CreateProperty<int>("keep").SetAsync(setup, 1);
        await state.CreateProperty<int>("drop").SetAsync(setup, 2);
        await state.SaveChangesAsync(setup);

        var turn = Turn(_adapter);
        await state.CreateProperty<int>("drop").DeleteAsync(turn);
        await state.SaveChangesAsync(turn);

        var stored = (await _memory.ReadAsync(["test/conversations/a:conv-1"]))["test/conversations/a:conv-1"].Document;
        Assert.Equal(1, stored.GetProperty("keep").GetInt32());
        Assert.False(stored.TryGetProperty("drop", out _));
    }

    [Fact]
    public async Task Conversation_and_user_state_use_the_bot_framework_keys()
    {
        var conversation = new ConversationState(_storage);
        var user = new UserState(_storage);
        var turn = Turn(_adapter, conversationId: "a:conv-9", fromId: "29:user-9");
        await conversation.CreateProperty<int>("c").SetAsync(turn, 1);
        await user.CreateProperty<int>("u").SetAsync(turn, 2);
        await new BotStateSet(conversation, user).SaveAllChangesAsync(turn);

        var stored = await _memory.ReadAsync(["test/conversations/a:conv-9", "test/users/29:user-9"]);

        Assert.Equal(1, stored["test/conversations/a:conv-9"].Document.GetProperty("c").GetInt32());
        Assert.Equal(2, stored["test/users/29:user-9"].Document.GetProperty("u").GetInt32());
        Assert.Equal(1, _storage.Writes);
    }

    [Fact]
    public async Task User_state_follows_the_user_into_another_conversation()
    {
        var user = new UserState(_storage);
        var first = Turn(_adapter, conversationId: "a:one");
        await user.CreateProperty<string>("locale").SetAsync(first, "nl-NL");
        await user.SaveChangesAsync(first);

        var other = Turn(_adapter, conversationId: "a:two");

        Assert.Equal("nl-NL", await new UserState(_storage).CreateProperty<string>("locale").GetAsync(other, () => "en-US"));
    }

    [Fact]
    public async Task Auto_save_reads_once_and_writes_once_for_a_turn_that_changes_both_scopes()
    {
        var conversation = new ConversationState(_storage);
        var user = new UserState(_storage);
        _adapter.Use(new AutoSaveStateMiddleware(conversation, user));
        var steps = conversation.CreateProperty<List<string>>("steps");
        var seen = user.CreateProperty<int>("seen");

        await _adapter.ProcessAsync(StateTestAdapter.Message("hi"), async (turn, ct) =>
        {
            (await steps.GetAsync(turn, () => [], ct)).Add("start");
            await seen.SetAsync(turn, await seen.GetAsync(turn, () => 0, ct) + 1, ct);
        });

        Assert.Equal(1, _storage.Reads);
        Assert.Equal(1, _storage.Writes);
        Assert.Equal(2, _memory.Count);
    }

    [Fact]
    public async Task Auto_save_writes_nothing_for_a_turn_that_only_reads()
    {
        var conversation = new ConversationState(_storage);
        _adapter.Use(new AutoSaveStateMiddleware(conversation));
        var steps = conversation.CreateProperty<List<string>>("steps");
        await _adapter.ProcessAsync(StateTestAdapter.Message("one"), async (turn, ct) => (await steps.GetAsync(turn, () => [], ct)).Add("one"));
        _storage.Reset();

        await _adapter.ProcessAsync(StateTestAdapter.Message("two"), async (turn, ct) =>
            await turn.SendActivityAsync($"{(await steps.GetAsync(turn, () => [], ct)).Count} steps", ct));

        Assert.Equal(1, _storage.Reads);
        Assert.Equal(0, _storage.Writes);
        Assert.Equal("1 steps", _adapter.Sent[^1].Text);
    }

    [Fact]
    public async Task Scopes_on_different_storages_are_read_and_written_once_per_storage()
    {
        var userStorage = new CountingStorage(new MemoryStorage());
        var conversation = new ConversationState(_storage);
        var user = new UserState(userStorage);
        _adapter.Use(new AutoSaveStateMiddleware(conversation, user));

        await _adapter.ProcessAsync(StateTestAdapter.Message("hi"), async (turn, ct) =>
        {
            await conversation.CreateProperty<int>("c").SetAsync(turn, 1, ct);
            await user.CreateProperty<int>("u").SetAsync(turn, 2, ct);
        });

        Assert.Equal((1, 1), (_storage.Reads, _storage.Writes));
        Assert.Equal((1, 1), (userStorage.Reads, userStorage.Writes));
    }

    [Fact]
    public async Task A_turn_that_fails_saves_nothing()
    {
        var conversation = new ConversationState(_storage);
        _adapter.Use(new AutoSaveStateMiddleware(conversation));
        var count = conversation.CreateProperty<int>("count");

        await Assert.ThrowsAsync<InvalidOperationException>(() => _adapter.ProcessAsync(StateTestAdapter.Message("boom"), async (turn, ct) =>
        {
            await count.SetAsync(turn, 1, ct);
            throw new InvalidOperationException("step failed");
        }));

        Assert.Equal(0, _storage.Writes);
        Assert.Equal(0, _memory.Count);
    }

    [Fact]
    public async Task A_conversation_state_without_a_conversation_id_is_refused()
    {
        var activity = StateTestAdapter.Message("hi");
        activity.Conversation = null;

        await Assert.ThrowsAsync<InvalidOperationException>(() => new ConversationState(_storage).LoadAsync(new TurnContext(_adapter, activity)));
    }

    [Fact]
    public void A_lost_etag_race_does_not_reveal_the_key()
    {
        const string key = "msteams/conversations/a:1PrivateConversationId";

        var failure = new StoragePreconditionFailedException(key);

        Assert.DoesNotContain("PrivateConversationId", failure.Message, StringComparison.Ordinal);
        Assert.Contains(StorageKeys.Fingerprint(key), failure.Message, StringComparison.Ordinal);
        Assert.Equal(StorageKeys.Fingerprint(key), StorageKeys.Fingerprint(key));
        Assert.NotEqual(StorageKeys.Fingerprint(key), StorageKeys.Fingerprint(key + "x"));
    }

    [Fact]
    public async Task Non_ascii_text_and_long_keys_round_trip()
    {
        var conversationId = "19:" + new string('x', 2000) + "@thread.tacv2;messageid=1";
        var state = new ConversationState(_storage);
        var turn = Turn(_adapter, conversationId);
        await state.CreateProperty<string>("text").SetAsync(turn, "Zoë zegt: \"stop\" — 😢");
        await state.SaveChangesAsync(turn);

        var again = Turn(_adapter, conversationId);
        Assert.Equal("Zoë zegt: \"stop\" — 😢", await new ConversationState(_storage).CreateProperty<string>("text").GetAsync(again, () => ""));
        await new ConversationState(_storage).SaveChangesAsync(again);
        Assert.Equal(1, _storage.Writes);
    }
}
