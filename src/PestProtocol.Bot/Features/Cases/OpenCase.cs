using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Features.Cases;

/// <summary>
/// Opens a case at step 1, for a staff member's own signal (/melding) and for a coordinator's "Maak melding" on an
/// anonymous report alike. One member rule: who signals (in the role they act in), the student's mentor, and the
/// location's anti-bullying coordinators. The case, its first dossier entry, its members and its alerts are staged in
/// the turn's one transaction (and anything else the caller staged on the same context, such as the anonymous
/// report's link to the case).
/// </summary>
public sealed class OpenCase(CaseAccess access, ICaseStore store, ICaseNotifier notifier, IDirectory directory, TimeProvider time, IntakeHandOver intakeHandOver)
{
    /// <summary>Opens the case. <see cref="ProtocolViolationException"/> when the protocol refuses the suspicion (nothing stored).</summary>
    public Task<OpenedCase> ExecuteAsync(NewSuspicion suspicion, CancellationToken cancellationToken) =>
        ExecuteAsync(suspicion, beforeSave: null, cancellationToken);

    /// <summary>
    /// Opens the case; <paramref name="beforeSave"/> stages what else belongs in the same save (e.g. an anonymous report's
    /// link to the new case) once the case exists and before it is stored.
    /// </summary>
    public async Task<OpenedCase> ExecuteAsync(NewSuspicion suspicion, Func<Case, CancellationToken, Task>? beforeSave, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(suspicion);
        var opened = Case.Open(suspicion, time.GetUtcNow());
        var members = new List<CaseMember> { new(suspicion.SignalledBy.StaffId, suspicion.SignalledBy.Role) };
        if (await directory.GetMentorAsync(suspicion.StudentRef, cancellationToken).ConfigureAwait(false) is { } mentor)
        {
            members.Add(new CaseMember(mentor.Id, StaffRole.Mentor));
        }

        foreach (var coordinator in await directory.GetRoleHoldersAsync(suspicion.LocationId, StaffRole.AntiPestCoordinator, cancellationToken).ConfigureAwait(false))
        {
            members.Add(new CaseMember(coordinator.Id, StaffRole.AntiPestCoordinator));
        }

        var distinct = members.GroupBy(m => m.StaffId, StringComparer.OrdinalIgnoreCase).Select(g => g.First()).ToList();
        var notifications = await ApplyStep.PlanAsync(notifier, opened, opened.Dossier, cancellationToken).ConfigureAwait(false);

        // A teacher or conciërge records step 1 and is done: the mentor (or the coordinator) holds the case and gets a
        // card to continue, beside the step-1 alert every copy of which stays true (handover branch).
        var handedOn = await intakeHandOver.HandOnAsync(opened, opened.OpenedAt, cancellationToken).ConfigureAwait(false);
        if (handedOn is not null)
        {
            notifications = [.. notifications, handedOn.Card];
            if (!distinct.Any(m => string.Equals(m.StaffId, handedOn.To.StaffId, StringComparison.OrdinalIgnoreCase)))
            {
                distinct.Add(new CaseMember(handedOn.To.StaffId, handedOn.To.Role));
            }
        }

        if (beforeSave is not null)
        {
            await beforeSave(opened, cancellationToken).ConfigureAwait(false);
        }

        await store.AddAsync(opened, distinct, notifications, cancellationToken).ConfigureAwait(false);
        var code = store.CodeOf(opened) ?? "?";
        await access.RememberAsync(opened, code, suspicion.SignalledBy, cancellationToken).ConfigureAwait(false);
        return new OpenedCase(opened, code, handedOn);
    }
}
