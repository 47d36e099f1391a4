using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PestProtocol.Bot.Persistence;

/// <summary>
/// How times are stored. Every <see cref="DateTimeOffset"/> is stored as a UTC instant to the microsecond
/// (PostgreSQL's precision, used on both providers so a reloaded case is the same on both); the offset the value
/// had is not kept, reads return UTC.
/// </summary>
internal static class StoredTimes
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMicrosecond;

    /// <summary>The instant in UTC, cut to whole microseconds.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TicksPerMicrosecond), TimeSpan.Zero);

    /// <summary>SQLite: an INTEGER of UTC ticks, so ORDER BY and comparisons work in SQL.</summary>
    public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks - (v.UtcTicks % TicksPerMicrosecond),
        v => new DateTimeOffset(v, TimeSpan.Zero));

    /// <summary>PostgreSQL: <c>timestamptz</c>, written as UTC (Npgsql only writes offset 0).</summary>
    public sealed class UtcInstantConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
        v => new DateTimeOffset(v.UtcTicks - (v.UtcTicks % TicksPerMicrosecond), TimeSpan.Zero),
        v => v.ToUniversalTime());
}
