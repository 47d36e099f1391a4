using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Records;
using PestProtocol.Domain.Thermometer;

namespace PestProtocol.Bot.Features.Thermometer;

/// <summary>What became of a student's "Versturen".</summary>
public enum SubmitOutcome
{
    /// <summary>Stored, anonymously.</summary>
    Recorded,

    /// <summary>This student already sent the thermometer; nothing changed.</summary>
    AlreadySent,

    /// <summary>The survey is closed (or its closing day has passed); nothing stored.</summary>
    Closed,

    /// <summary>No such survey.</summary>
    NotFound,
}

/// <summary>
/// The thermometer's storage, keeping the anonymity promise:
/// <list type="bullet">
/// <item>an answer row holds no student id, no token and no time (<see cref="ThermometerAnswerRecord"/>);</item>
/// <item>"has answered" is an HMAC token in another table, under a key per survey;</item>
/// <item>at close the key is set to null and the tokens are deleted, on SQLite with secure_delete and a WAL checkpoint, so
/// neither the file nor its WAL keeps them.</item>
/// </list>
/// Known limit, documented: while a survey is open, someone with the database, the key and the class list could match
/// tokens to answers by the order rows were written in. From closing on, nobody can.
/// </summary>
public sealed class ThermometerSurveys(PestProtocolDbContext db)
{
    private const string OpenState = nameof(ThermometerSurveyState.Open);
    private const string ClosedState = nameof(ThermometerSurveyState.Closed);

    /// <summary>Stores a newly opened survey with its respondent key.</summary>
    public async Task OpenAsync(ThermometerSurvey survey, string startedByStaffId, RespondentKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(key);
        db.Set<ThermometerSurveyRecord>().Add(new ThermometerSurveyRecord
        {
            Id = survey.Id,
            ClassId = survey.ClassId,
            ClassName = survey.ClassName,
            LocationId = survey.LocationId,
            StartedByStaffId = startedByStaffId,
            OpenedOn = survey.OpenedOn,
            ClosesOn = survey.ClosesOn,
            InvitedCount = survey.InvitedCount,
            State = OpenState,
            RespondentKey = key.Export(),
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The survey, or null.</summary>
    public async Task<ThermometerSurvey?> FindAsync(Guid surveyId, CancellationToken cancellationToken)
    {
        var record = await db.Set<ThermometerSurveyRecord>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == surveyId, cancellationToken).ConfigureAwait(false);
        return record is null ? null : ToDomain(record);
    }

    /// <summary>The open survey of a class, or null (a class has at most one open survey).</summary>
    public async Task<ThermometerSurvey?> FindOpenForClassAsync(string classId, CancellationToken cancellationToken)
    {
        var record = await db.Set<ThermometerSurveyRecord>().AsNoTracking()
            .Where(s => s.ClassId == classId && s.State == OpenState)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return record is null ? null : ToDomain(record);
    }

    /// <summary>True when this student already sent the survey (false after closing: nobody can tell any more).</summary>
    public async Task<bool> HasAnsweredAsync(Guid surveyId, string studentId, CancellationToken cancellationToken)
    {
        using var key = await KeyAsync(surveyId, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return false;
        }

        var token = key.TokenFor(surveyId, studentId);
        return await db.Set<ThermometerRespondentRecord>().AnyAsync(r => r.SurveyId == surveyId && r.Token == token, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores a finished response: the token and the answer in one transaction, or nothing. A second response of the
    /// same student is refused, also when two arrive at once (the token is the primary key).
    /// </summary>
    public async Task<SubmitOutcome> SubmitAsync(Guid surveyId, string studentId, ThermometerResponse response, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var record = await db.Set<ThermometerSurveyRecord>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == surveyId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return SubmitOutcome.NotFound;
        }

        if (!ToDomain(record).AcceptsAnswersOn(today) || record.RespondentKey is null)
        {
            return SubmitOutcome.Closed;
        }

        using var key = RespondentKey.FromBytes(record.RespondentKey);
        var token = key.TokenFor(surveyId, studentId);
        if (await db.Set<ThermometerRespondentRecord>().AnyAsync(r => r.SurveyId == surveyId && r.Token == token, cancellationToken).ConfigureAwait(false))
        {
            return SubmitOutcome.AlreadySent;
        }

        db.Set<ThermometerRespondentRecord>().Add(new ThermometerRespondentRecord { SurveyId = surveyId, Token = token });
        db.Set<ThermometerAnswerRecord>().Add(new ThermometerAnswerRecord
        {
            Id = Guid.NewGuid(),
            SurveyId = surveyId,
            Gender = (int)response.Gender,
            Afdeling = (int)response.Afdeling,
            ScoresJson = JsonSerializer.Serialize(response.Scores),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return SubmitOutcome.Recorded;
        }
        catch (DbUpdateException)
        {
            // The same student's other device won the race: nothing of this one is stored.
            db.ChangeTracker.Clear();
            return SubmitOutcome.AlreadySent;
        }
    }

    /// <summary>The students of <paramref name="roster"/> still to remind, computed in memory and never stored; empty once closed.</summary>
    public async Task<IReadOnlyList<string>> NotYetAnsweredAsync(Guid surveyId, IEnumerable<string> roster, CancellationToken cancellationToken)
    {
        using var key = await KeyAsync(surveyId, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return [];
        }

        var tokens = await db.Set<ThermometerRespondentRecord>().Where(r => r.SurveyId == surveyId).Select(r => r.Token)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return key.NotYetAnswered(surveyId, roster, tokens.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The number of finished responses.</summary>
    public Task<int> ResponseCountAsync(Guid surveyId, CancellationToken cancellationToken) =>
        db.Set<ThermometerAnswerRecord>().CountAsync(a => a.SurveyId == surveyId, cancellationToken);

    /// <summary>
    /// Closes the survey: the key is destroyed and the tokens deleted, so from now on nobody can tell who answered.
    /// Closing a closed survey changes nothing. On SQLite the deleted bytes are overwritten (secure_delete) and the WAL
    /// is checkpointed and truncated, so no copy of the key or a token stays in the file or the WAL.
    /// </summary>
    public async Task<ThermometerSurvey?> CloseAsync(Guid surveyId, DateOnly today, CancellationToken cancellationToken)
    {
        var sqlite = db.Database.IsSqlite();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = ON;", cancellationToken).ConfigureAwait(false);
            }

            var record = await db.Set<ThermometerSurveyRecord>().SingleOrDefaultAsync(s => s.Id == surveyId, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                return null;
            }

            if (record.State != ClosedState || record.RespondentKey is not null)
            {
                if (record.RespondentKey is { } bytes)
                {
                    Array.Clear(bytes);
                }

                record.State = ClosedState;
                record.ClosedOn ??= today;
                record.RespondentKey = null;
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await db.Set<ThermometerRespondentRecord>().Where(r => r.SurveyId == surveyId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                if (sqlite && db.Database.CurrentTransaction is null)
                {
                    await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken).ConfigureAwait(false);
                }
            }

            return ToDomain(record);
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The results, or why there are none: fewer than the minimum, or (for an interim result) too few new answers since
    /// the last one shown. A shown interim result is remembered for that rule.
    /// </summary>
    public async Task<(ThermometerSurvey Survey, ResultsRelease Release)?> ResultsAsync(Guid surveyId, ThermometerThresholds thresholds, CancellationToken cancellationToken)
    {
        var record = await db.Set<ThermometerSurveyRecord>().SingleOrDefaultAsync(s => s.Id == surveyId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        var survey = ToDomain(record);
        var responses = await AnswersAsync(surveyId, cancellationToken).ConfigureAwait(false);
        var final = survey.State == ThermometerSurveyState.Closed;
        var release = ThermometerAggregator.Release(responses, survey.InvitedCount, thresholds, final ? null : record.LastReleasedCount);
        if (!final && release.IsReleased && record.LastReleasedCount != responses.Count)
        {
            record.LastReleasedCount = responses.Count;
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return (survey, release);
    }

    /// <summary>The earlier closed surveys of the class, oldest first, with block means only where they had enough answers.</summary>
    public async Task<IReadOnlyList<TrendPoint>> TrendAsync(string classId, Guid exceptSurveyId, ThermometerThresholds thresholds, CancellationToken cancellationToken)
    {
        var earlier = await db.Set<ThermometerSurveyRecord>().AsNoTracking()
            .Where(s => s.ClassId == classId && s.State == ClosedState && s.Id != exceptSurveyId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var points = new List<TrendPoint>();
        foreach (var s in earlier.OrderBy(s => s.ClosedOn))
        {
            var responses = await AnswersAsync(s.Id, cancellationToken).ConfigureAwait(false);
            var release = ThermometerAggregator.Release(responses, s.InvitedCount, thresholds);
            points.Add(new TrendPoint(s.ClosedOn ?? s.ClosesOn, responses.Count, release.Results?.BlockMeans));
        }

        return points;
    }

    /// <summary>
    /// The chart PNG of a result that was released (closed, or an interim result shown before), without changing
    /// anything; null when there is nothing that may be shown.
    /// </summary>
    public async Task<byte[]?> ChartAsync(Guid surveyId, ThermometerThresholds thresholds, CancellationToken cancellationToken)
    {
        var record = await db.Set<ThermometerSurveyRecord>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == surveyId, cancellationToken).ConfigureAwait(false);
        if (record is null || (record.State != ClosedState && record.LastReleasedCount is null))
        {
            return null;
        }

        var survey = ToDomain(record);
        var responses = await AnswersAsync(surveyId, cancellationToken).ConfigureAwait(false);
        if (ThermometerAggregator.Release(responses, survey.InvitedCount, thresholds).Results is not { } results)
        {
            return null;
        }

        var trend = await TrendAsync(survey.ClassId, survey.Id, thresholds, cancellationToken).ConfigureAwait(false);
        return ThermometerChart.RenderPng(survey.ClassName, results, trend.LastOrDefault(t => t.BlockMeans is not null));
    }

    /// <summary>How many invitations of the survey the outbox gave up on (Teams could not reach the student): counted, never named.</summary>
    public Task<int> UndeliveredInvitationsAsync(Guid surveyId, CancellationToken cancellationToken)
    {
        var prefix = ThermometerPayload.DedupPrefix(ThermometerPayload.InvitationKind, surveyId);
        return db.OutboxMessages.CountAsync(
            o => o.Kind == ThermometerPayload.InvitationKind && o.DedupKey.StartsWith(prefix) && o.Status == Persistence.Outbox.OutboxStatus.Failed, cancellationToken);
    }

    /// <summary>The latest survey (open, or else the last closed) of each of the classes, newest first.</summary>
    public async Task<IReadOnlyList<ThermometerSurvey>> LatestForClassesAsync(IReadOnlyCollection<string> classIds, CancellationToken cancellationToken)
    {
        var records = await db.Set<ThermometerSurveyRecord>().AsNoTracking().Where(s => classIds.Contains(s.ClassId))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. records.GroupBy(r => r.ClassId)
            .Select(g => g.OrderBy(r => r.State == OpenState ? 0 : 1).ThenByDescending(r => r.ClosesOn).First())
            .OrderByDescending(r => r.OpenedOn)
            .Select(ToDomain)];
    }

    /// <summary>Open surveys, and surveys closed on or after <paramref name="closedSince"/> (for a closing job that must still finish).</summary>
    public async Task<IReadOnlyList<(ThermometerSurvey Survey, string StartedBy)>> OpenOrClosedSinceAsync(DateOnly closedSince, CancellationToken cancellationToken)
    {
        var records = await db.Set<ThermometerSurveyRecord>().AsNoTracking()
            .Where(s => s.State == OpenState || (s.ClosedOn != null && s.ClosedOn >= closedSince))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. records.Select(r => (ToDomain(r), r.StartedByStaffId))];
    }

    private async Task<List<ThermometerResponse>> AnswersAsync(Guid surveyId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<ThermometerAnswerRecord>().AsNoTracking().Where(a => a.SurveyId == surveyId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(a => new ThermometerResponse(
            (ThermometerGender)a.Gender,
            (ThermometerAfdeling)a.Afdeling,
            JsonSerializer.Deserialize<Dictionary<string, int>>(a.ScoresJson) ?? []))];
    }

    private async Task<RespondentKey?> KeyAsync(Guid surveyId, CancellationToken cancellationToken)
    {
        var bytes = await db.Set<ThermometerSurveyRecord>().AsNoTracking().Where(s => s.Id == surveyId).Select(s => s.RespondentKey)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : RespondentKey.FromBytes(bytes);
    }

    private static ThermometerSurvey ToDomain(ThermometerSurveyRecord r) => new(
        r.Id, r.ClassId, r.ClassName, r.LocationId, r.OpenedOn, r.ClosesOn, r.InvitedCount,
        r.State == ClosedState ? ThermometerSurveyState.Closed : ThermometerSurveyState.Open, r.ClosedOn);
}
