using PestProtocol.Bot.Middleware;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Builder;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Dialogs.Melding;

/// <summary>A case loaded for this turn, with the staff member acting on it.</summary>
/// <param name="Case">The case, fresh from the store.</param>
/// <param name="Code">Its human code, e.g. "2026-0007".</param>
/// <param name="Actor">Who acts, in the role they have in this case.</param>
/// <param name="Person">The acting staff member as the directory knows them.</param>
public sealed record LoadedCase(Case Case, string Code, StaffRef Actor, DirectoryPerson Person);

/// <summary>How applying a step ended.</summary>
public enum StepApplied
{
    /// <summary>Stored; the user was told what was recorded and what comes next.</summary>
    Saved,

    /// <summary>The protocol did not allow it; the user got the domain's Dutch reason. Nothing changed.</summary>
    Refused,

    /// <summary>Someone else changed the case first; the user was told. Nothing of this step was stored.</summary>
    Conflict,

    /// <summary>The case could not be opened for this user (gone, or not a member); the user was told.</summary>
    NotAvailable,
}

/// <summary>
/// What every step dialog of /melding does the same way: load the case fresh, check that the user may act on
/// it, run one domain method, plan the notifications of every new dossier entry, store all of it in one
/// transaction, and tell the user plainly what was recorded and what comes next.
/// </summary>
public sealed class CaseSteps(IDirectory directory, TimeProvider time)
{
    /// <summary>Told when a case cannot be opened; says nothing about whether the case exists.</summary>
    public const string NotAvailableText =
        "Deze melding kan ik niet voor je openen. Je kunt alleen meldingen invullen waarbij je betrokken bent. In /overzicht zie je jouw meldingen.";

    /// <summary>The directory.</summary>
    public IDirectory Directory => directory;

    /// <summary>Now.</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Today in the school's time zone.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, SchoolTime.Zone).DateTime);

    /// <summary>The acting staff member from the directory, or null (not staff).</summary>
    public async Task<DirectoryPerson?> StaffMemberAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var id = turnContext.Activity.From?.AadObjectId;
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        var person = await directory.FindPersonAsync(id, cancellationToken).ConfigureAwait(false);
        return person?.IsStaff == true ? person : null;
    }

    /// <summary>
    /// The role the person acts in for a student's case: the student's mentor acts as mentor; otherwise the role
    /// they hold at the location (coordinator first); null when the directory gives no role.
    /// </summary>
    public async Task<StaffRole?> RoleForAsync(DirectoryPerson person, string studentRef, string locationId, CancellationToken cancellationToken)
    {
        var mentor = await directory.GetMentorAsync(studentRef, cancellationToken).ConfigureAwait(false);
        if (mentor is not null && string.Equals(mentor.Id, person.Id, StringComparison.OrdinalIgnoreCase))
        {
            return StaffRole.Mentor;
        }

        var roles = person.Roles.Where(r => r.LocationId == locationId).Select(r => r.Role)
            .Concat(person.Roles.Select(r => r.Role))
            .ToList();
        StaffRole[] preference =
        [
            StaffRole.AntiPestCoordinator, StaffRole.InternBegeleider, StaffRole.Teamleider, StaffRole.Deelschoolleider,
            StaffRole.Docent, StaffRole.Concierge, StaffRole.OtherStaff,
        ];
        foreach (var role in preference)
        {
            if (roles.Contains(role))
            {
                return role;
            }
        }

        // A mentor of another class who signals acts as a teacher in this case.
        return roles.Contains(StaffRole.Mentor) ? StaffRole.Docent : null;
    }

    /// <summary>Loads the case for the acting user, or tells them it cannot be opened and returns null.</summary>
    public async Task<LoadedCase?> LoadAsync(ITurnContext turnContext, Guid caseId, CancellationToken cancellationToken)
    {
        var store = turnContext.GetService<ICaseStore>();
        var person = await StaffMemberAsync(turnContext, cancellationToken).ConfigureAwait(false);
        var loaded = person is null || !await store.IsMemberAsync(caseId, person.Id, cancellationToken).ConfigureAwait(false)
            ? null
            : await store.FindAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (loaded is null || person is null)
        {
            await turnContext.SendActivityAsync(NotAvailableText, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var summary = await store.GetSummaryAsync(caseId, cancellationToken).ConfigureAwait(false);
        var role = await RoleForAsync(person, loaded.StudentRef, loaded.LocationId, cancellationToken).ConfigureAwait(false) ?? StaffRole.OtherStaff;
        return new LoadedCase(loaded, summary?.CaseCode ?? "?", new StaffRef(person.Id, role), person);
    }

    /// <summary>
    /// Loads the case, runs <paramref name="step"/> on it (one domain method), plans the notifications of every
    /// new dossier entry and saves everything in one transaction. Tells the user the outcome.
    /// </summary>
    public async Task<StepApplied> ApplyAsync(ITurnContext turnContext, Guid caseId, Func<LoadedCase, DateTimeOffset, Task> step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var loaded = await LoadAsync(turnContext, caseId, cancellationToken).ConfigureAwait(false);
        if (loaded is null)
        {
            return StepApplied.NotAvailable;
        }

        var @case = loaded.Case;
        var before = @case.Dossier.Count;
        try
        {
            await step(loaded, Now).ConfigureAwait(false);
        }
        catch (ProtocolViolationException violation)
        {
            await turnContext.SendActivityAsync(violation.Message, cancellationToken).ConfigureAwait(false);
            return StepApplied.Refused;
        }

        var added = @case.Dossier.Skip(before).ToList();
        var notifications = await PlanAsync(turnContext, @case, added, cancellationToken).ConfigureAwait(false);
        try
        {
            await turnContext.GetService<ICaseStore>()
                .SaveAsync(@case, [new CaseMember(loaded.Actor.StaffId, loaded.Actor.Role)], notifications, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (CaseConcurrencyException)
        {
            var current = await turnContext.GetService<ICaseStore>().FindAsync(caseId, cancellationToken).ConfigureAwait(false);
            var where = current is null ? string.Empty : $" De melding staat nu bij: {current.CurrentStepTitle()}.";
            await turnContext.SendActivityAsync(
                $"Iemand anders heeft melding {loaded.Code} net aangepast. Wat je nu invulde is niet opgeslagen.{where} Kijk hieronder wat er nu moet gebeuren.",
                cancellationToken).ConfigureAwait(false);
            return StepApplied.Conflict;
        }

        await turnContext.SendActivityAsync(Recorded(loaded.Code, @case, added), cancellationToken).ConfigureAwait(false);
        return StepApplied.Saved;
    }

    /// <summary>The notifications of the new dossier entries (the domain says who must be informed).</summary>
    public static async Task<IReadOnlyList<OutboxMessage>> PlanAsync(ITurnContext turnContext, Case @case, IEnumerable<DossierEntry> entries, CancellationToken cancellationToken)
    {
        var notifier = turnContext.GetService<ICaseNotifier>();
        var all = new List<OutboxMessage>();
        foreach (var entry in entries)
        {
            all.AddRange(await notifier.PlanAsync(@case, entry, cancellationToken).ConfigureAwait(false));
        }

        return all;
    }

    /// <summary>"Vastgelegd in melding …: … Volgende stap: …".</summary>
    public static string Recorded(string code, Case @case, IReadOnlyList<DossierEntry> added)
    {
        var steps = string.Join(" en ", added.Select(e => StepTitles.For(e.Step)).Distinct());
        return $"Vastgelegd in melding {code}: {steps}.\n\nVolgende stap: {@case.NextAction}";
    }

    /// <summary>How to pick the case up later.</summary>
    public static string ContinueLater(string code) =>
        $"Typ later 'melding {code}' of kies de melding in /overzicht om verder te gaan.";
}

/// <summary>The school's clock: dates on cards are days in the Netherlands.</summary>
public static class SchoolTime
{
    /// <summary>Europe/Amsterdam (UTC when the system has no time zone data).</summary>
    public static TimeZoneInfo Zone { get; } = FindZone();

    /// <summary>A day from a card as a moment: now when it is today, else that day at <paramref name="hour"/>:00 school time.</summary>
    public static DateTimeOffset ToMoment(DateOnly day, DateTimeOffset now, int hour = 12)
    {
        var local = day.ToDateTime(new TimeOnly(hour, 0));
        var offset = Zone.GetUtcOffset(local);
        var moment = new DateTimeOffset(local, offset);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime) == day ? now : moment;
    }

    /// <summary>A follow-up day as a moment: that day at 08:00 school time.</summary>
    public static DateTimeOffset FollowUpMoment(DateOnly day)
    {
        var local = day.ToDateTime(new TimeOnly(8, 0));
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
