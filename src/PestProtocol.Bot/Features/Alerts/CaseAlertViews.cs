using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Features.Alerts;

/// <summary>
/// Builds <see cref="CaseAlertView"/>s from the case as it is now (scoped: uses the turn's or the dispatcher's case store).
/// Who took an alert is read from the dossier: the first <see cref="TakeNoteText"/> note after the alerted entry.
/// </summary>
public sealed class CaseAlertViews(ICaseStore cases, IDirectory directory)
{
    /// <summary>The text of the dossier note that records "I take this" (the actor of the note is who took it).</summary>
    public const string TakeNoteText = "Melding opgepakt vanuit de Teams-melding.";

    /// <summary>The view of one alert for one recipient, or null when the case or entry no longer exists.</summary>
    public async Task<CaseAlertView?> LoadAsync(Guid caseId, Guid entryId, StaffRole recipientRole, IReadOnlyList<string> refreshUserIds, CancellationToken cancellationToken)
    {
        var @case = await cases.FindAsync(caseId, cancellationToken).ConfigureAwait(false);
        var entry = @case?.Dossier.FirstOrDefault(e => e.Id == entryId);
        if (@case is null || entry is null)
        {
            return null;
        }

        var summary = await cases.GetSummaryAsync(caseId, cancellationToken).ConfigureAwait(false);
        return await BuildAsync(directory, @case, summary?.CaseCode ?? string.Empty, entryId, recipientRole, refreshUserIds, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The view of one alert about a case already loaded (e.g. by a use case in this turn); null when the entry is not in it.</summary>
    public static async Task<CaseAlertView?> BuildAsync(IDirectory directory, Case @case, string code, Guid entryId, StaffRole recipientRole, IReadOnlyList<string> refreshUserIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(@case);
        var entry = @case.Dossier.FirstOrDefault(e => e.Id == entryId);
        if (entry is null)
        {
            return null;
        }

        var student = await directory.FindPersonAsync(@case.StudentRef, cancellationToken).ConfigureAwait(false);
        var locations = await directory.GetLocationsAsync(cancellationToken).ConfigureAwait(false);
        var taken = FindTake(@case, entry);
        AlertTaker? taker = null;
        if (taken is not null)
        {
            var person = await directory.FindPersonAsync(taken.Actor.StaffId, cancellationToken).ConfigureAwait(false);
            taker = new AlertTaker(person?.DisplayName ?? "een collega", taken.Actor.Role, taken.RecordedAt);
        }

        var owner = await directory.FindPersonAsync(@case.Owner.StaffId, cancellationToken).ConfigureAwait(false);
        return new CaseAlertView(
            @case.Id,
            code,
            entry.Id,
            entry.Step,
            entry.Actor.Role,
            recipientRole,
            student?.DisplayName ?? "Onbekende leerling",
            @case.ClassName,
            locations.FirstOrDefault(l => l.Id == @case.LocationId)?.Name ?? @case.LocationId,
            @case.NextAction,
            @case.IsClosed,
            taker,
            refreshUserIds)
        {
            CurrentStep = @case.CurrentStep,
            HeldBy = new AlertHolder(owner?.DisplayName ?? "een collega", @case.Owner.Role),
        };
    }

    /// <summary>The note that took the alert about <paramref name="entry"/>, or null.</summary>
    public static DossierEntry? FindTake(Case @case, DossierEntry entry)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(entry);
        return @case.Dossier.FirstOrDefault(e => e.Sequence > entry.Sequence && e.Kind == DossierEntryKind.Note && e.Text == TakeNoteText);
    }
}
