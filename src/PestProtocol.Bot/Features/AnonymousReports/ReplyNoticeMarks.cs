using Microsoft.Extensions.Options;
using PestProtocol.Bot.Persistence;

namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>
/// Marks a location as "has an answer not yet announced" when the school answers an anonymous report there (scoped: the
/// turn's database context). The mark is added to the context, not saved: it goes in the same transaction as the answer.
/// It holds the location and the hour only; nothing of the report or of any student.
/// </summary>
public sealed class ReplyNoticeMarks(PestProtocolDbContext db, IOptions<AnonymousReportOptions> options, TimeProvider time)
{
    /// <summary>True when the school's setting sends the notice.</summary>
    public bool Enabled => options.Value.ReplyNotice.Enabled;

    /// <summary>Adds the mark for <paramref name="locationId"/> to the pending save (nothing when the notice is switched off).</summary>
    public void Stage(string locationId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(locationId);
        if (!Enabled)
        {
            return;
        }

        db.Set<ReplyNoticeMarkRecord>().Add(new ReplyNoticeMarkRecord
        {
            Id = Guid.NewGuid(),
            LocationId = locationId,
            MarkedAt = ReportTimes.ToHour(time.GetUtcNow()),
        });
    }
}
