using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

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
/// one finishes. A queued request whose client goes away leaves the queue without running. Other endpoints (health,
/// the dossier PDF, the chart) are not limited.
/// </summary>
public sealed class TurnConcurrencyLimit
{
    /// <summary>The messaging endpoint (Hosting/PestProtocolApp maps the bot there).</summary>
    public const string MessagingPath = "/api/messages";

    private readonly SemaphoreSlim? _turns;

    public TurnConcurrencyLimit(IOptions<TurnConcurrencyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var max = options.Value.MaxConcurrentTurns;
        _turns = max > 0 ? new SemaphoreSlim(max, max) : null;
    }

    /// <summary>Runs <paramref name="next"/> for the request, after waiting for a free turn slot if it is a turn.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (_turns is null || !HttpMethods.IsPost(context.Request.Method) || !context.Request.Path.StartsWithSegments(MessagingPath, StringComparison.OrdinalIgnoreCase))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        try
        {
            await _turns.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return; // the client is gone: nobody waits for this turn any more, and nothing of it ran
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            _turns.Release();
        }
    }
}

/// <summary>Registers <see cref="TurnConcurrencyLimit"/> in front of the app's own middleware.</summary>
public static class TurnConcurrencyServiceCollectionExtensions
{
    public static IServiceCollection AddTurnConcurrencyLimit(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TurnConcurrencyOptions>().Bind(configuration.GetSection(TurnConcurrencyOptions.Section));
        services.AddSingleton<TurnConcurrencyLimit>();
        services.AddTransient<IStartupFilter, TurnConcurrencyStartupFilter>();
        return services;
    }

    private sealed class TurnConcurrencyStartupFilter(TurnConcurrencyLimit limit) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) => limit.InvokeAsync(context, nextMiddleware));
            next(app);
        };
    }
}
