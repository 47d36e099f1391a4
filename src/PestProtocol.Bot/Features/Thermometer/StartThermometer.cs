using System.Globalization;
using PestProtocol.Bot.Features.Melding;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Domain.FollowUps;
using PestProtocol.Domain.Thermometer;

namespace PestProtocol.Bot.Features.Thermometer;

/// <summary>What became of "Versturen" on the start card.</summary>
public abstract record StartOutcome
{
    /// <summary>
    /// The survey is open and an invitation is planned for every student of the class. Students' chats are never stored
    /// (anonymity), so the dispatcher reaches them by installing the app for them (Graph); one who missed it types
    /// "thermometer" and gets the open survey of their class.
    /// </summary>
    public sealed record Started(ThermometerSurvey Survey) : StartOutcome;

    /// <summary>Nothing started; the reason, in Dutch, for the mentor.</summary>
    public sealed record Refused(string Reason) : StartOutcome;
}

/// <summary>
/// Starts the thermometer in a class (use case): checks that the class is the staff member's own (mentor) or at their
/// location (coordinator), that none runs there yet, reads the class's students from the directory, opens the survey
/// with a fresh respondent key and plans one invitation per student in the outbox, all in one write. Slow work (Teams)
/// is left to the outbox dispatcher.
/// </summary>
public sealed class StartThermometer(
    PestProtocolDbContext db,
    ThermometerSurveys surveys,
    ThermometerClasses classes,
    IDirectory directory,
    SchoolCalendar calendar,
    TimeProvider time)
{
    /// <summary>Opens the survey for <paramref name="classKey"/> (the start card's value) closing on <paramref name="closesOnText"/> (yyyy-MM-dd, empty: a week).</summary>
    public async Task<StartOutcome> StartAsync(DirectoryPerson staff, string? classKey, string? closesOnText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var mine = await classes.ForAsync(staff, cancellationToken).ConfigureAwait(false);
        var chosen = mine.FirstOrDefault(c => string.Equals(c.Key, classKey, StringComparison.Ordinal));
        if (chosen is null)
        {
            return new StartOutcome.Refused(string.IsNullOrWhiteSpace(classKey)
                ? "Kies eerst een klas."
                : "Die klas staat niet bij jouw klassen. Kies een klas waarvan je mentor bent (of, als anti-pestcoördinator, een klas van je locatie).");
        }

        DateOnly? closesOn = null;
        if (!string.IsNullOrWhiteSpace(closesOnText))
        {
            if (!DateOnly.TryParseExact(closesOnText.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return new StartOutcome.Refused("Die sluitingsdatum kan ik niet lezen. Kies een dag in de kalender, of laat het veld leeg voor over een week.");
            }

            closesOn = day;
        }

        if (await surveys.FindOpenForClassAsync(chosen.ClassId, cancellationToken).ConfigureAwait(false) is { } running)
        {
            return new StartOutcome.Refused(
                $"In klas {chosen.Name} loopt de thermometer al, tot en met {running.ClosesOn.ToString("dddd d MMMM", ThermometerStartCards.Dutch)}. Typ 'thermometer resultaten' voor de tussenstand.");
        }

        IReadOnlyList<DirectoryPerson> roster;
        try
        {
            roster = await directory.GetClassStudentsAsync(chosen.LocationId, chosen.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (AmbiguousClassException)
        {
            return new StartOutcome.Refused(
                $"Ik vind in de schooladministratie meer dan één klas {chosen.Name} op deze locatie, dus ik weet niet wie ik de vragenlijst moet sturen. Er is niets verstuurd. Vraag de beheerder van de bot om de klasnamen per locatie uniek te maken.");
        }

        var students = roster
            .Where(s => !s.IsStaff && !string.IsNullOrWhiteSpace(s.Id))
            .DistinctBy(s => s.Id, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, SchoolTime.Zone).DateTime);
        var opened = ThermometerSurvey.Open(Guid.NewGuid(), chosen.ClassId, chosen.Name, chosen.LocationId, students.Count, calendar, today, closesOn);
        if (!opened.IsOk)
        {
            return new StartOutcome.Refused(opened.Refusal!);
        }

        var survey = opened.Value!;
        foreach (var student in students)
        {
            db.OutboxMessages.Add(OutboxMessage.Create(
                ThermometerPayload.InvitationKind,
                ThermometerPayload.DedupKey(ThermometerPayload.InvitationKind, survey.Id, student.Id),
                new ThermometerPayload(survey.Id),
                student.Id,
                now));
        }

        // One SaveChanges: the survey, its key and every invitation, or nothing.
        using var key = RespondentKey.Create();
        await surveys.OpenAsync(survey, staff.Id, key, cancellationToken).ConfigureAwait(false);
        return new StartOutcome.Started(survey);
    }
}
