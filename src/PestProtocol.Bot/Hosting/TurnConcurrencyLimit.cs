using Microsoft.Extensions.Options;
using PestProtocol.BotFramework.Hosting;

namespace PestProtocol.Bot.Hosting;

/// <summary>Settings of <see cref="TurnConcurrencyLimit"/> (section <c>Hosting</c>).</summary>
public sealed class TurnConcurrencyOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Hosting";

    /// <summary>
    /// Turns (POSTs to the messaging endpoint) that run at the same time; later ones wait in line, first come first
    /// served, and are never refused. 0 or less: no limit. Default <see cref="DefaultMaxConcurrentTurns"/>.
    /// </summary>
    public int MaxConcurrentTurns { get; set; } = DefaultMaxConcurrentTurns;

    /// <summary>
    /// Eight: on two cores a turn is mostly CPU and a short SQLite write, so more turns in flight do not finish sooner;
    /// they only keep more requests, dialog state, database contexts and pooled SQLite connections (each with its page
    /// cache) alive at once, long enough for the GC to promote them. See bench/README.md, "Resident memory".
    /// </summary>
    public const int DefaultMaxConcurrentTurns = 8;
}

/// <summary>
/// Lets at most <see cref="TurnConcurrencyOptions.MaxConcurrentTurns"/> turns run at once; the rest queue (FIFO) until
/// one finishes. The adapter asks for a place only after it has read, checked and authenticated the request
/// (<see cref="ITurnAdmission"/>), so a forged token or a client that sends its body slowly never holds or waits for a
/// place. A queued request whose client goes away leaves the queue without running. Other endpoints (health, the dossier
/// PDF, the chart) never come here.
/// </summary>
public sealed class TurnConcurrencyLimit : ITurnAdmission
{
    private readonly SemaphoreSlim? _turns;

    public TurnConcurrencyLimit(IOptions<TurnConcurrencyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var max = options.Value.MaxConcurrentTurns;
        _turns = max > 0 ? new SemaphoreSlim(max, max) : null;
    }

    /// <inheritdoc />
    public ValueTask<IDisposable?> AdmitAsync(CancellationToken clientGone)
    {
        if (_turns is null)
        {
            return new(NoLimit.Instance);
        }

        var wait = _turns.WaitAsync(clientGone);
        return wait.IsCompletedSuccessfully ? new(new Place(_turns)) : WaitInLineAsync(_turns, wait, clientGone);
    }

    private static async ValueTask<IDisposable?> WaitInLineAsync(SemaphoreSlim turns, Task wait, CancellationToken clientGone)
    {
        try
        {
            await wait.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (clientGone.IsCancellationRequested)
        {
            return null; // the client is gone: nobody waits for this turn any more, and nothing of it runs
        }

        return new Place(turns);
    }

    /// <summary>A running turn's place; disposing it (once) lets the next one in line run.</summary>
    private sealed class Place(SemaphoreSlim turns) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                turns.Release();
            }
        }
    }

    private sealed class NoLimit : IDisposable
    {
        public static readonly NoLimit Instance = new();

        public void Dispose()
        {
        }
    }
}

/// <summary>Registers <see cref="TurnConcurrencyLimit"/> as the adapter's <see cref="ITurnAdmission"/>.</summary>
public static class TurnConcurrencyServiceCollectionExtensions
{
    public static IServiceCollection AddTurnConcurrencyLimit(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TurnConcurrencyOptions>().Bind(configuration.GetSection(TurnConcurrencyOptions.Section));
        services.AddSingleton<TurnConcurrencyLimit>();
        services.AddSingleton<ITurnAdmission>(sp => sp.GetRequiredService<TurnConcurrencyLimit>());
        return services;
    }
}
