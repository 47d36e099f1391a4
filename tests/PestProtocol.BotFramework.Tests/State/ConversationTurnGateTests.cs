using PestProtocol.BotFramework.State;

namespace PestProtocol.BotFramework.Tests.State;

public sealed class ConversationTurnGateTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Fifty_racing_turns_on_one_conversation_lose_no_update_and_reply_once_each()
    {
        var storage = new CountingStorage(new MemoryStorage());
        var conversation = new ConversationState(storage);
        var gate = new ConversationTurnGate();
        var adapter = new StateTestAdapter();
        adapter.Use(gate).Use(new AutoSaveStateMiddleware(conversation));
        var items = conversation.CreateProperty<List<int>>("items");

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => adapter.ProcessAsync(StateTestAdapter.Message($"item {i}"), async (turn, ct) =>
        {
            var list = await items.GetAsync(turn, () => [], ct);
            await Task.Yield();
            list.Add(i);
            await turn.SendActivityAsync($"{list.Count} items", ct);
        }))));

        var stored = await new ConversationState(storage).CreateProperty<List<int>>("items").GetAsync(new Builder.TurnContext(adapter, StateTestAdapter.Message("check")), () => []);
        Assert.Equal(Enumerable.Range(0, 50), stored.Order());
        Assert.Equal(50, adapter.Sent.Count);
        Assert.Equal(Enumerable.Range(1, 50).Select(n => $"{n} items").Order(StringComparer.Ordinal), adapter.Sent.Select(a => a.Text!).Order(StringComparer.Ordinal));
        Assert.Equal(0, gate.ActiveConversations);
    }

    [Fact]
    public async Task Without_the_gate_a_race_fails_loudly_instead_of_losing_an_update()
    {
        var storage = new MemoryStorage();
        var conversation = new ConversationState(storage);
        var adapter = new StateTestAdapter();
        adapter.Use(new AutoSaveStateMiddleware(conversation));
        var items = conversation.CreateProperty<List<int>>("items");
        var bothLoaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loaded = 0;

        var turns = Enumerable.Range(0, 2).Select(i => adapter.ProcessAsync(StateTestAdapter.Message($"item {i}"), async (turn, ct) =>
        {
            var list = await items.GetAsync(turn, () => [], ct);
            if (Interlocked.Increment(ref loaded) == 2)
            {
                bothLoaded.SetResult();
            }

            await bothLoaded.Task.WaitAsync(HangGuard, ct);
            list.Add(i);
        })).ToList();
        var outcomes = await Task.WhenAll(turns.Select(async t =>
        {
            try
            {
                await t;
                return "saved";
            }
            catch (StoragePreconditionFailedException)
            {
                return "conflict";
            }
        }));

        Assert.Equal(["conflict", "saved"], outcomes.Order(StringComparer.Ordinal));
        var stored = await new ConversationState(storage).CreateProperty<List<int>>("items").GetAsync(new Builder.TurnContext(adapter, StateTestAdapter.Message("check")), () => []);
        Assert.Single(stored);
    }

    [Fact]
    public async Task A_second_turn_of_the_same_conversation_starts_only_after_the_first_ends()
    {
        var gate = new ConversationTurnGate();
        var adapter = new StateTestAdapter();
        adapter.Use(gate);
        var log = new List<string>();
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = adapter.ProcessAsync(StateTestAdapter.Message("one"), async (_, ct) =>
        {
            lock (log) log.Add("first started");
            firstStarted.SetResult();
            await releaseFirst.Task.WaitAsync(HangGuard, ct);
            lock (log) log.Add("first ended");
        });
        await firstStarted.Task.WaitAsync(HangGuard);
        var second = Task.Run(() => adapter.ProcessAsync(StateTestAdapter.Message("two"), (_, _) =>
        {
            lock (log) log.Add("second ran");
            return Task.CompletedTask;
        }));

        releaseFirst.SetResult();
        await Task.WhenAll(first, second).WaitAsync(HangGuard);

        Assert.Equal(["first started", "first ended", "second ran"], log);
        Assert.Equal(0, gate.ActiveConversations);
    }

    [Fact]
    public async Task Turns_of_different_conversations_do_not_wait_for_each_other()
    {
        var adapter = new StateTestAdapter();
        adapter.Use(new ConversationTurnGate());
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = adapter.ProcessAsync(StateTestAdapter.Message("one", conversationId: "a:first"), async (_, ct) =>
        {
            firstStarted.SetResult();
            await releaseFirst.Task.WaitAsync(HangGuard, ct);
        });
        await firstStarted.Task.WaitAsync(HangGuard);

        await adapter.ProcessAsync(StateTestAdapter.Message("two", conversationId: "a:second"), (turn, ct) => turn.SendActivityAsync("done", ct)).WaitAsync(HangGuard);

        Assert.False(first.IsCompleted);
        Assert.Equal("done", Assert.Single(adapter.Sent).Text);
        releaseFirst.SetResult();
        await first;
    }

    [Fact]
    public async Task A_cancelled_wait_releases_its_place_in_the_gate()
    {
        var gate = new ConversationTurnGate();
        var adapter = new StateTestAdapter();
        adapter.Use(gate);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = adapter.ProcessAsync(StateTestAdapter.Message("one"), async (_, ct) =>
        {
            firstStarted.SetResult();
            await releaseFirst.Task.WaitAsync(HangGuard, ct);
        });
        await firstStarted.Task.WaitAsync(HangGuard);

        using var cancel = new CancellationTokenSource();
        var waiting = adapter.ProcessAsync(StateTestAdapter.Message("two"), (_, _) => Task.CompletedTask, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        releaseFirst.SetResult();
        await first;
        Assert.Equal(0, gate.ActiveConversations);
    }
}
