using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PestProtocol.Bot.Features.Melding;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Persistence.Records;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Cards;

namespace PestProtocol.Bot.Features.Prevention;

/// <summary>Builds the prevention cards from what is stored now, and records what was done (scoped: one database context).</summary>
public sealed class PreventionViews(PestProtocolDbContext db, IDirectory directory, IClassRoster roster, TimeProvider time)
{
    /// <summary>Today in the school's time zone.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), SchoolTime.Zone).DateTime);

    /// <summary>The coordinator's checklist (with the outstanding list for the reminder).</summary>
    public async Task<AdaptiveCard> ChecklistAsync(int schoolYear, string locationId, bool reminder, string? error, CancellationToken cancellationToken)
    {
        var progress = await PreventionRound.ProgressAsync(db, schoolYear, locationId, cancellationToken).ConfigureAwait(false);
        var classes = await roster.GetClassesAsync(locationId, cancellationToken).ConfigureAwait(false);
        var lines = new List<ClassLine>();
        foreach (var c in classes)
        {
            var mentor = c.MentorId is null ? null : await directory.FindPersonAsync(c.MentorId, cancellationToken).ConfigureAwait(false);
            lines.Add(new ClassLine(c.Name, mentor?.DisplayName ?? "geen mentor bekend", progress.Classes.TryGetValue(c.Name, out var d) ? d : null));
        }

        var locations = await directory.GetLocationsAsync(cancellationToken).ConfigureAwait(false);
        var name = locations.FirstOrDefault(l => l.Id == locationId)?.Name ?? locationId;
        return PreventionCards.Checklist(schoolYear, locationId, name, progress, lines, Today,
            reminder ? progress.Outstanding(classes.Select(c => c.Name)) : null, error);
    }

    /// <summary>A mentor's card for their classes at all locations.</summary>
    public async Task<AdaptiveCard?> ClassesAsync(int schoolYear, string mentorId, string? error, CancellationToken cancellationToken)
    {
        var lines = new List<ClassLine>();
        foreach (var (locationId, name) in await MentorClassesAsync(mentorId, cancellationToken).ConfigureAwait(false))
        {
            var progress = await PreventionRound.ProgressAsync(db, schoolYear, locationId, cancellationToken).ConfigureAwait(false);
            lines.Add(new ClassLine(name, string.Empty, progress.Classes.TryGetValue(name, out var d) ? d : null));
        }

        return lines.Count == 0 ? null : PreventionCards.Classes(schoolYear, lines, Today, error);
    }

    /// <summary>The classes (location, name) whose mentor this is.</summary>
    public async Task<IReadOnlyList<(string LocationId, string Name)>> MentorClassesAsync(string mentorId, CancellationToken cancellationToken)
    {
        var result = new List<(string, string)>();
        foreach (var location in await directory.GetLocationsAsync(cancellationToken).ConfigureAwait(false))
        {
            result.AddRange((await roster.GetClassesAsync(location.Id, cancellationToken).ConfigureAwait(false))
                .Where(c => string.Equals(c.MentorId, mentorId, StringComparison.OrdinalIgnoreCase))
                .Select(c => (location.Id, c.Name)));
        }

        return result;
    }

    /// <summary>Records (or moves the day of) one item.</summary>
    public async Task RecordAsync(int schoolYear, string locationId, string item, DateOnly doneOn, string byStaffId, CancellationToken cancellationToken)
    {
        var set = db.Set<PreventionRecord>();
        var row = await set.SingleOrDefaultAsync(r => r.SchoolYear == schoolYear && r.LocationId == locationId && r.Item == item, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            set.Add(new PreventionRecord
            {
                Id = Guid.CreateVersion7(time.GetUtcNow()), SchoolYear = schoolYear, LocationId = locationId, Item = item, DoneOn = doneOn, ByStaffId = byStaffId, RecordedAt = time.GetUtcNow(),
            });
        }
        else
        {
            row.DoneOn = doneOn;
            row.ByStaffId = byStaffId;
            row.RecordedAt = time.GetUtcNow();
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Recorded by someone else at the same moment: theirs stands.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}

/// <summary>The three prevention outbox kinds as cards, from what is stored at sending time.</summary>
public sealed class PreventionCardRenderer(string kind, PreventionViews views) : IAlertCardRenderer
{
    public string Kind => kind;

    public async Task<AdaptiveCard?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = JsonSerializer.Deserialize<PreventionPayload>(message.Payload, JsonSerializerOptions.Web);
        if (payload is null)
        {
            return null;
        }

        return kind switch
        {
            PreventionPayload.ClassesKind => await views.ClassesAsync(payload.SchoolYear, message.RecipientId ?? string.Empty, null, cancellationToken).ConfigureAwait(false),
            _ => await views.ChecklistAsync(payload.SchoolYear, payload.LocationId, kind == PreventionPayload.ReminderKind, null, cancellationToken).ConfigureAwait(false),
        };
    }
}
