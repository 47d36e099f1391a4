using PestProtocol.Bot.Features.Cases;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Builder;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Features.Melding;

/// <summary>
/// The /melding dialogs' side of the case use cases (<see cref="Features.Cases"/>): it calls them for the turn's user
/// and tells the user plainly what was recorded and what comes next. The rules (who may act, one load, one domain
/// method, alerts, one transaction) live in the use cases.
/// </summary>
public sealed class CaseSteps(IDirectory directory, TimeProvider time, CaseRoles roles, TurnScoped<CaseAccess> access, TurnScoped<ApplyStep> apply)
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
    public Task<DirectoryPerson?> StaffMemberAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return access.In(turnContext).StaffMemberAsync(turnContext.Activity.From?.AadObjectId, cancellationToken);
    }

    /// <summary>The role the person acts in for a student's case (see <see cref="CaseRoles"/>).</summary>
    public Task<StaffRole?> RoleForAsync(DirectoryPerson person, string studentRef, string locationId, CancellationToken cancellationToken) =>
        roles.RoleForAsync(person, studentRef, locationId, cancellationToken);

    /// <summary>
    /// The case for the acting user (once per turn: after a step the changed case is handed on), or tells them it
    /// cannot be opened and returns null.
    /// </summary>
    public async Task<LoadedCase?> LoadAsync(ITurnContext turnContext, Guid caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var loaded = await access.In(turnContext).LoadAsync(turnContext.Activity.From?.AadObjectId, caseId, cancellationToken).ConfigureAwait(false);
        if (loaded is null)
        {
            await turnContext.SendActivityAsync(NotAvailableText, cancellationToken).ConfigureAwait(false);
        }

        return loaded;
    }

    /// <summary>The case for the acting user without telling them anything when they may not open it (null then).</summary>
    public Task<LoadedCase?> PeekAsync(ITurnContext turnContext, Guid caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return access.In(turnContext).LoadAsync(turnContext.Activity.From?.AadObjectId, caseId, cancellationToken);
    }

    /// <summary>The id of the case with this code that the acting user is involved in, at a location of theirs; null when none.</summary>
    public Task<Guid?> FindByCodeAsync(ITurnContext turnContext, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return access.In(turnContext).FindByCodeAsync(turnContext.Activity.From?.AadObjectId, code, cancellationToken);
    }

    /// <summary>Runs <paramref name="step"/> through <see cref="ApplyStep"/> and tells the user the outcome.</summary>
    public async Task<StepApplied> ApplyAsync(ITurnContext turnContext, Guid caseId, Func<LoadedCase, DateTimeOffset, Task> step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var result = await apply.In(turnContext).ExecuteAsync(turnContext.Activity.From?.AadObjectId, caseId, step, cancellationToken).ConfigureAwait(false);
        var text = result.Outcome switch
        {
            StepApplied.NotAvailable => NotAvailableText,
            StepApplied.Refused => result.Reason,
            StepApplied.Conflict => ConflictText(result.Loaded!.Code, result.CurrentStepTitle),
            _ => Recorded(result.Loaded!.Code, result.Loaded.Case, result.Added ?? []),
        };
        await turnContext.SendActivityAsync(text ?? string.Empty, cancellationToken).ConfigureAwait(false);
        return result.Outcome;
    }

    /// <summary>"Iemand anders heeft melding … net aangepast": nothing of this step was stored.</summary>
    public static string ConflictText(string code, string? currentStep)
    {
        var where = currentStep is null ? string.Empty : $" De melding staat nu bij: {currentStep}.";
        return $"Iemand anders heeft melding {code} net aangepast. Wat je nu invulde is niet opgeslagen.{where} Kijk hieronder wat er nu moet gebeuren.";
    }

    /// <summary>"Vastgelegd in melding …: … Volgende stap: …".</summary>
    public static string Recorded(string code, Case @case, IReadOnlyList<DossierEntry> added)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(added);
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
