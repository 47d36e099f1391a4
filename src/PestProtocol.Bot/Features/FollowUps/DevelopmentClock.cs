using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;

namespace PestProtocol.Bot.Features.FollowUps;

/// <summary>
/// Local development only (no MicrosoftAppId: no channel authentication, loopback only): the bot's clock, moved forward on
/// request so a follow-up's day can be reached in the Agents Playground and the end-to-end tests without waiting two
/// weeks. Wraps the clock that was registered; never registered or mapped when the bot runs with a MicrosoftAppId.
/// </summary>
public sealed class DevelopmentClock(TimeProvider inner) : TimeProvider
{
    /// <summary>The longest single move (a school year and a bit).</summary>
    public static readonly TimeSpan MaxAdvance = TimeSpan.FromDays(400);

    private long _offsetTicks;

    /// <summary>How far this clock is ahead of the real one.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    /// <inheritdoc />
    public override long TimestampFrequency => inner.TimestampFrequency;

    /// <summary>True when the configuration runs the bot in local development mode (no MicrosoftAppId).</summary>
    public static bool IsDevelopmentMode(IConfiguration configuration) => string.IsNullOrWhiteSpace(configuration?["MicrosoftAppId"]);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Offset;

    /// <inheritdoc />
    public override long GetTimestamp() => inner.GetTimestamp();

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => inner.CreateTimer(callback, state, dueTime, period);

    /// <summary>Moves the clock forward (only forward: stored times never lie in the future of the clock).</summary>
    public void Advance(TimeSpan by)
    {
        if (by <= TimeSpan.Zero || by > MaxAdvance)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "Only forward, at most 400 days.");
        }

        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }

    /// <summary>Replaces the registered <see cref="TimeProvider"/> by a development clock around it.</summary>
    internal static void Register(IServiceCollection services)
    {
        var existing = services.LastOrDefault(d => d.ServiceType == typeof(TimeProvider) && !d.IsKeyedService);
        Func<IServiceProvider, TimeProvider> inner = existing switch
        {
            { ImplementationInstance: TimeProvider instance } => _ => instance,
            { ImplementationFactory: { } factory } => sp => (TimeProvider)factory(sp),
            _ => _ => System,
        };
        services.AddSingleton(sp => new DevelopmentClock(inner(sp)));
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<DevelopmentClock>());
    }
}

/// <summary><c>/api/dev/clock</c>: read and move the <see cref="DevelopmentClock"/> (development mode, loopback callers only).</summary>
public static class DevelopmentClockEndpoints
{
    /// <summary>The path.</summary>
    public const string Path = "/api/dev/clock";

    /// <summary>
    /// Maps GET (the clock now, and how many outbox messages are due and sent) and POST <c>{"advance": "15.00:00:00"}</c> (move it forward, then run the follow-up
    /// scheduler once so what became due happens at once). Maps nothing when no development clock is registered.
    /// </summary>
    public static IEndpointRouteBuilder MapDevelopmentClock(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<DevelopmentClock>() is null)
        {
            return endpoints;
        }

        endpoints.MapGet(Path, async (HttpContext http, DevelopmentClock clock, PestProtocolDbContext db) =>
        {
            if (!IsLoopback(http))
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            // The outbox as counts only (no recipients, no payloads): lets a test tell "nothing was sent" from "not yet".
            var now = clock.GetUtcNow();
            var due = await db.OutboxMessages.CountAsync(
                o => (o.Status == OutboxStatus.Pending && o.NextAttemptAt <= now) || o.Status == OutboxStatus.Sending, http.RequestAborted).ConfigureAwait(false);
            var sent = await db.OutboxMessages.CountAsync(o => o.Status == OutboxStatus.Sent, http.RequestAborted).ConfigureAwait(false);
            return Results.Ok(new { now, offset = clock.Offset.ToString("c"), outbox = new { due, sent } });
        });
        endpoints.MapPost(Path, async (HttpContext http, DevelopmentClock clock, FollowUpScheduler scheduler) =>
        {
            if (!IsLoopback(http))
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            TimeSpan by;
            try
            {
                using var body = await JsonDocument.ParseAsync(http.Request.Body, default, http.RequestAborted).ConfigureAwait(false);
                if (body.RootElement.ValueKind != JsonValueKind.Object
                    || !body.RootElement.TryGetProperty("advance", out var advance) || advance.ValueKind != JsonValueKind.String
                    || !TimeSpan.TryParse(advance.GetString(), System.Globalization.CultureInfo.InvariantCulture, out by)
                    || by <= TimeSpan.Zero || by > DevelopmentClock.MaxAdvance)
                {
                    return Results.BadRequest(new { error = "Send {\"advance\": \"d.hh:mm:ss\"}: forward, at most 400 days." });
                }
            }
            catch (JsonException)
            {
                return Results.BadRequest(new { error = "Send {\"advance\": \"d.hh:mm:ss\"}: forward, at most 400 days." });
            }

            clock.Advance(by);
            var jobs = await scheduler.RunOnceAsync(http.RequestAborted).ConfigureAwait(false);
            return Results.Ok(new { now = clock.GetUtcNow(), offset = clock.Offset.ToString("c"), followUpJobs = jobs });
        });
        return endpoints;
    }

    /// <summary>
    /// Development mode already listens on 127.0.0.1 only (LoopbackBinding); this refuses anything else that still got in.
    /// No address at all means an in-process test server, not a network connection.
    /// </summary>
    private static bool IsLoopback(HttpContext http) => http.Connection.RemoteIpAddress is not { } ip || IPAddress.IsLoopback(ip);
}
