using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PestProtocol.Bot.Hosting;
using PestProtocol.BotFramework.Hosting;

namespace PestProtocol.Bot.Tests.Hosting;

/// <summary>
/// At most Hosting:MaxConcurrentTurns turns run at once; the others wait their turn in arrival order and are never
/// refused, and a request whose client went away leaves the line without running. (That only checked, authenticated
/// requests ask for a place: TurnAdmissionHttpTests.)
/// </summary>
public sealed class TurnConcurrencyLimitTests
{
    [Fact]
    public async Task A_turn_beyond_the_limit_waits_until_a_running_turn_finishes_and_then_runs()
    {
        var limit = Limit(1);

        var first = await limit.AdmitAsync(CancellationToken.None);
        var second = limit.AdmitAsync(CancellationToken.None).AsTask();

        Assert.NotNull(first);
        Assert.False(second.IsCompleted); // waiting in line, not refused

        first.Dispose();
        using var secondPlace = await second;

        Assert.NotNull(secondPlace);
    }

    [Fact]
    public async Task Waiting_turns_run_in_the_order_they_arrived()
    {
        var limit = Limit(1);
        var order = new List<int>();
        var running = await limit.AdmitAsync(CancellationToken.None);
        var waiting = Enumerable.Range(1, 5)
            .Select(async i =>
            {
                using var place = await limit.AdmitAsync(CancellationToken.None);
                order.Add(i);
            })
            .ToList();

        running!.Dispose();
        await Task.WhenAll(waiting);

        Assert.Equal([1, 2, 3, 4, 5], order);
    }

    [Fact]
    public async Task A_waiting_turn_whose_client_went_away_gets_no_place_and_does_not_keep_one()
    {
        var limit = Limit(1);
        var running = await limit.AdmitAsync(CancellationToken.None);
        using var gone = new CancellationTokenSource();
        var abandoned = limit.AdmitAsync(gone.Token).AsTask();

        await gone.CancelAsync();

        Assert.Null(await abandoned); // the adapter runs nothing for it
        running!.Dispose();
        var next = limit.AdmitAsync(CancellationToken.None);
        Assert.True(next.IsCompletedSuccessfully); // the place of the abandoned turn was given back
        (await next)!.Dispose();
    }

    [Fact]
    public async Task A_client_already_gone_gets_no_place()
    {
        var limit = Limit(1);
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();

        Assert.Null(await limit.AdmitAsync(gone.Token));
        using var next = await limit.AdmitAsync(CancellationToken.None);
        Assert.NotNull(next);
    }

    [Fact]
    public async Task A_place_given_back_twice_frees_only_one()
    {
        var limit = Limit(1);
        var first = await limit.AdmitAsync(CancellationToken.None);
        first!.Dispose();
        first.Dispose();

        using var second = await limit.AdmitAsync(CancellationToken.None);
        var third = limit.AdmitAsync(CancellationToken.None);

        Assert.False(third.IsCompleted); // one place, not two
        second!.Dispose();
        (await third)!.Dispose();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task A_limit_of_zero_or_less_lets_every_turn_run_at_once(int max)
    {
        var limit = Limit(max);

        var places = Enumerable.Range(0, 20).Select(_ => limit.AdmitAsync(CancellationToken.None)).ToList();

        Assert.All(places, p => Assert.True(p.IsCompletedSuccessfully));
        foreach (var place in places)
        {
            var admitted = await place;
            Assert.NotNull(admitted);
            admitted.Dispose();
        }
    }

    [Fact]
    public void The_limit_is_read_from_Hosting_MaxConcurrentTurns_and_is_eight_by_default()
    {
        Assert.Equal(3, Options(new Dictionary<string, string?> { ["Hosting:MaxConcurrentTurns"] = "3" }).MaxConcurrentTurns);
        Assert.Equal(8, Options([]).MaxConcurrentTurns);
    }

    [Fact]
    public void The_limit_is_the_adapters_turn_admission()
    {
        var configuration = new ConfigurationBuilder().Build();
        using var services = new ServiceCollection().AddTurnConcurrencyLimit(configuration).BuildServiceProvider();

        Assert.Same(services.GetRequiredService<TurnConcurrencyLimit>(), services.GetRequiredService<ITurnAdmission>());
    }

    private static TurnConcurrencyOptions Options(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddTurnConcurrencyLimit(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<TurnConcurrencyOptions>>().Value;
    }

    private static TurnConcurrencyLimit Limit(int max) =>
        new(Microsoft.Extensions.Options.Options.Create(new TurnConcurrencyOptions { MaxConcurrentTurns = max }));
}
