using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PestProtocol.Bot.Hosting;

namespace PestProtocol.Bot.Tests.Hosting;

/// <summary>
/// At most Hosting:MaxConcurrentTurns turns run at once; the others wait their turn in arrival order and are never
/// refused, a request whose client went away leaves the line without running, and nothing but turns waits.
/// </summary>
public sealed class TurnConcurrencyLimitTests
{
    [Fact]
    public async Task A_turn_beyond_the_limit_waits_until_a_running_turn_finishes_and_then_runs()
    {
        var limit = Limit(1);
        var first = new Turn();
        var second = new Turn();

        var firstRun = limit.InvokeAsync(Post(), first.Next);
        var secondRun = limit.InvokeAsync(Post(), second.Next);

        Assert.True(first.Started);
        Assert.False(second.Started); // waiting in line, not refused
        Assert.False(secondRun.IsCompleted);

        first.Finish();
        await firstRun;
        second.Finish();
        await secondRun;

        Assert.True(second.Started);
    }

    [Fact]
    public async Task Waiting_turns_run_in_the_order_they_arrived()
    {
        var limit = Limit(1);
        var order = new List<int>();
        var running = new Turn();
        var runningTask = limit.InvokeAsync(Post(), running.Next);
        var waiting = Enumerable.Range(1, 5)
            .Select(i => limit.InvokeAsync(Post(), _ => { order.Add(i); return Task.CompletedTask; }))
            .ToList();

        running.Finish();
        await runningTask;
        await Task.WhenAll(waiting);

        Assert.Equal([1, 2, 3, 4, 5], order);
    }

    [Fact]
    public async Task A_waiting_turn_whose_client_went_away_does_not_run_and_does_not_keep_a_place()
    {
        var limit = Limit(1);
        var running = new Turn();
        var runningTask = limit.InvokeAsync(Post(), running.Next);
        using var gone = new CancellationTokenSource();
        var abandoned = new Turn();
        var abandonedRun = limit.InvokeAsync(Post(gone.Token), abandoned.Next);

        await gone.CancelAsync();
        await abandonedRun;
        running.Finish();
        await runningTask;

        Assert.False(abandoned.Started);
        var next = new Turn();
        var nextRun = limit.InvokeAsync(Post(), next.Next);
        Assert.True(next.Started); // the place of the abandoned turn was given back
        next.Finish();
        await nextRun;
    }

    [Fact]
    public async Task A_turn_that_fails_gives_its_place_back()
    {
        var limit = Limit(1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => limit.InvokeAsync(Post(), _ => throw new InvalidOperationException("boom")));

        var next = new Turn();
        var nextRun = limit.InvokeAsync(Post(), next.Next);
        Assert.True(next.Started);
        next.Finish();
        await nextRun;
    }

    [Theory]
    [InlineData("GET", "/api/messages")]
    [InlineData("GET", "/healthz")]
    [InlineData("POST", "/dossier/pdf")]
    public async Task Requests_that_are_not_turns_never_wait(string method, string path)
    {
        var limit = Limit(1);
        var running = new Turn();
        var runningTask = limit.InvokeAsync(Post(), running.Next);

        var other = new Turn();
        var otherRun = limit.InvokeAsync(Request(method, path), other.Next);

        Assert.True(other.Started);
        other.Finish();
        await otherRun;
        running.Finish();
        await runningTask;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task A_limit_of_zero_or_less_lets_every_turn_run_at_once(int max)
    {
        var limit = Limit(max);
        var turns = Enumerable.Range(0, 20).Select(_ => new Turn()).ToList();

        var runs = turns.Select(t => limit.InvokeAsync(Post(), t.Next)).ToList();

        Assert.All(turns, t => Assert.True(t.Started));
        turns.ForEach(t => t.Finish());
        await Task.WhenAll(runs);
    }

    [Fact]
    public void The_limit_is_read_from_Hosting_MaxConcurrentTurns_and_is_eight_by_default()
    {
        Assert.Equal(3, Options(new Dictionary<string, string?> { ["Hosting:MaxConcurrentTurns"] = "3" }).MaxConcurrentTurns);
        Assert.Equal(8, Options([]).MaxConcurrentTurns);
    }

    private static TurnConcurrencyOptions Options(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddTurnConcurrencyLimit(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<TurnConcurrencyOptions>>().Value;
    }

    private static TurnConcurrencyLimit Limit(int max) =>
        new(Microsoft.Extensions.Options.Options.Create(new TurnConcurrencyOptions { MaxConcurrentTurns = max }));

    private static DefaultHttpContext Post(CancellationToken aborted = default) => Request("POST", "/api/messages", aborted);

    private static DefaultHttpContext Request(string method, string path, CancellationToken aborted = default)
    {
        var context = new DefaultHttpContext { RequestAborted = aborted };
        context.Request.Method = method;
        context.Request.Path = path;
        return context;
    }

    /// <summary>A turn that runs until the test finishes it.</summary>
    private sealed class Turn
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Started { get; private set; }

        public Task Next(HttpContext context)
        {
            Started = true;
            return _done.Task;
        }

        public void Finish() => _done.TrySetResult();
    }
}
