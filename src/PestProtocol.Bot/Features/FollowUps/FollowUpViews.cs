using PestProtocol.Bot.Features.Melding;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.FollowUps;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Features.FollowUps;

/// <summary>Builds <see cref="FollowUpView"/>s from the case as it is now, with names from the directory.</summary>
public sealed class FollowUpViews(IDirectory directory, SchoolCalendar calendar, TimeProvider time)
{
    /// <summary>The view of the follow-up the case waits for, or null when it waits for none (answered, closed).</summary>
    public async Task<FollowUpView?> ForAsync(Case @case, string caseCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@case);
        if (@case.PendingFollowUp is not { } pending)
        {
            return null;
        }

        var victim = await NameAsync(@case.StudentRef, "de leerling", cancellationToken).ConfigureAwait(false);
        var bullies = new List<string>();
        foreach (var bully in FollowedBullies(@case))
        {
            bullies.Add(bully.Name ?? await NameAsync(bully.Reference, "de dader", cancellationToken).ConfigureAwait(false));
        }

        var owner = await directory.FindPersonAsync(pending.Owner.StaffId, cancellationToken).ConfigureAwait(false);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), SchoolTime.Zone).DateTime);
        return new FollowUpView(
            @case.Id,
            caseCode,
            victim,
            bullies,
            @case.ClassName,
            @case.CurrentStepTitle(),
            pending.Day,
            @case.CurrentStep == ProtocolStep.B4FollowUpMeeting,
            @case.IsAllowed(CaseCommand.BullyingContinues),
            calendar.SuggestFollowUpDay(today),
            today.AddDays(1),
            owner?.DisplayName ?? "een collega",
            pending.Owner.Role);
    }

    /// <summary>
    /// The bullies with a follow-up of their own: routes D and E, while the case waits for a follow-up, each bully the
    /// dossier names (not one only known as "at another school").
    /// </summary>
    public static IReadOnlyList<CaseParticipant> FollowedBullies(Case @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return @case.PendingFollowUp is { FollowsBully: true }
            ? [.. @case.FollowedStudents.Where(s => s.Role == ParticipantRole.Bully && s.Reference != CaseParticipants.BullyNotInDirectory)]
            : [];
    }

    /// <summary>The views of the bullies' own follow-ups not answered yet since the reminder (see <see cref="FollowedBullies"/>).</summary>
    public async Task<IReadOnlyList<BullyFollowUpView>> BulliesAsync(Case @case, string caseCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var views = new List<BullyFollowUpView>();
        foreach (var bully in FollowedBullies(@case).Where(b => !@case.BullyFollowUpAnswered(b.Reference)))
        {
            views.Add(await BullyAsync(@case, caseCode, bully, cancellationToken).ConfigureAwait(false));
        }

        return views;
    }

    /// <summary>The view of one bully's own follow-up, or null when he is not followed (any more) or already answered.</summary>
    public async Task<BullyFollowUpView?> BullyAsync(Case @case, string caseCode, string bullyRef, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var bully = FollowedBullies(@case).FirstOrDefault(b => b.Reference == bullyRef);
        return bully is null || @case.BullyFollowUpAnswered(bullyRef) ? null : await BullyAsync(@case, caseCode, bully, cancellationToken).ConfigureAwait(false);
    }

    private async Task<BullyFollowUpView> BullyAsync(Case @case, string caseCode, CaseParticipant bully, CancellationToken cancellationToken)
    {
        var person = bully.Name is null ? await directory.FindPersonAsync(bully.Reference, cancellationToken).ConfigureAwait(false) : null;
        var name = bully.Name ?? person?.DisplayName ?? "de dader";
        return new BullyFollowUpView(@case.Id, caseCode, bully.Reference, name, person?.ClassName, @case.CurrentStepTitle(), @case.PendingFollowUp!.Day);
    }

    /// <summary>Loads the case and builds its view; null when the case is gone or waits for no follow-up.</summary>
    public async Task<(Case Case, FollowUpView View)?> LoadAsync(ICaseStore store, Guid caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var @case = await store.FindAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (@case is null)
        {
            return null;
        }

        var summary = await store.GetSummaryAsync(caseId, cancellationToken).ConfigureAwait(false);
        var view = await ForAsync(@case, summary?.CaseCode ?? string.Empty, cancellationToken).ConfigureAwait(false);
        return view is null ? null : (@case, view);
    }

    private async Task<string> NameAsync(string reference, string fallback, CancellationToken cancellationToken) =>
        (await directory.FindPersonAsync(reference, cancellationToken).ConfigureAwait(false))?.DisplayName ?? fallback;
}
