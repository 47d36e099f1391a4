using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Features.Alerts;
using PestProtocol.Bot.Features.Melding;
using PestProtocol.Bot.Features.FollowUps;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Persistence.Records;
using PestProtocol.Bot.Tests.Persistence;
using PestProtocol.Domain.Dossier;

namespace PestProtocol.Bot.Tests.FollowUps;

/// <summary>
/// The follow-up scheduler on a real database, with a clock the test moves: the reminder comes on its school day, once;
/// unanswered it goes to the coordinator, once; two instances on one database do each job exactly once; a job whose
/// holder was killed is taken over when its lease runs out, and nothing is sent twice.
/// </summary>
public abstract class FollowUpSchedulerContract<TDatabase>(TDatabase database)
    where TDatabase : TestDatabase
{
    /// <summary>Monday 16 November 2026, two weeks after <see cref="FollowUpWorld.Start"/>.</summary>
    private static readonly DateOnly FollowUpDay = new(2026, 11, 16);

    private async Task<FollowUpWorld> WorldAsync(int instances = 1, IEnumerable<KeyValuePair<string, string?>>? settings = null) =>
        await FollowUpWorld.StartAsync(database.Provider, await database.CreateEmptyDatabaseAsync(), instances, settings);

    private static DateTimeOffset At(DateOnly day, int hour, int minute = 0) =>
        new(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(1));

    [Fact]
    public async Task The_reminder_comes_on_the_follow_up_day_at_eight_to_the_mentor_once()
    {
        await using var world = await WorldAsync();
        var caseId = await world.RouteACaseAsync(FollowUpDay);

        world.MoveTo(At(FollowUpDay, 7, 59));
        Assert.Equal(0, await world.Scheduler().RunOnceAsync(CancellationToken.None));
        Assert.Empty(await world.OutboxAsync(FollowUpReminderPayload.Kind));

        world.MoveTo(At(FollowUpDay, 8, 0));
        Assert.Equal(1, await world.Scheduler().RunOnceAsync(CancellationToken.None));
        var reminder = Assert.Single(await world.OutboxAsync(FollowUpReminderPayload.Kind));
        Assert.Equal(FollowUpWorld.Mentor, reminder.RecipientId);
        Assert.Equal(1, await world.EntriesAsync(caseId, DossierEntryKind.FollowUpReminderSent));

        var card = await world.RenderAsync(reminder);
        Assert.NotNull(card);
        Assert.Contains("Hoe gaat het met Sanne de Boer?", card, StringComparison.Ordinal);
        Assert.Contains("Het pesten gaat door", card, StringComparison.Ordinal);
        Assert.Contains("vervolg 2026-0001", card, StringComparison.Ordinal);

        world.MoveTo(At(FollowUpDay, 9, 0));
        Assert.Equal(0, await world.Scheduler().RunOnceAsync(CancellationToken.None));
        Assert.Single(await world.OutboxAsync(FollowUpReminderPayload.Kind));
    }

    [Fact]
    public async Task A_follow_up_on_a_free_day_comes_on_the_next_school_day()
    {
        await using var world = await WorldAsync(settings: new Dictionary<string, string?>
        {
            ["FollowUps:SchoolYears:0:Year"] = "2026-2027",
            ["FollowUps:SchoolYears:0:FreeDays:0:Name"] = "Studiedagen",
            ["FollowUps:SchoolYears:0:FreeDays:0:From"] = "2026-11-16",
            ["FollowUps:SchoolYears:0:FreeDays:0:To"] = "2026-11-17",
        });
        var onStudyDay = await world.RouteACaseAsync(FollowUpDay);
        var onSaturday = await world.RouteACaseAsync(new DateOnly(2026, 11, 14));

        world.MoveTo(At(new DateOnly(2026, 11, 17), 12, 0));
        Assert.Equal(0, await world.Scheduler().RunOnceAsync(CancellationToken.None));

        world.MoveTo(At(new DateOnly(2026, 11, 18), 8, 0));
        Assert.Equal(2, await world.Scheduler().RunOnceAsync(CancellationToken.None));
        Assert.Equal(1, await world.EntriesAsync(onStudyDay, DossierEntryKind.FollowUpReminderSent));
        Assert.Equal(1, await world.EntriesAsync(onSaturday, DossierEntryKind.FollowUpReminderSent));
    }

    [Fact]
    public async Task An_unanswered_reminder_goes_to_the_coordinator_after_two_school_days_once()
    {
        await using var world = await WorldAsync();
        var caseId = await world.RouteACaseAsync(new DateOnly(2026, 11, 19)); // a Thursday
        world.MoveTo(At(new DateOnly(2026, 11, 19), 8, 30));
        Assert.Equal(1, await world.Scheduler().RunOnceAsync(CancellationToken.None));

        // Thursday + 2 school days = Monday (the weekend does not count).
        world.MoveTo(At(new DateOnly(2026, 11, 23), 7, 59));
        Assert.Equal(0, await world.Scheduler().RunOnceAsync(CancellationToken.None));
        Assert.Empty(await world.OutboxAsync(CoordinatorDigestPayload.Kind));

        world.MoveTo(At(new DateOnly(2026, 11, 23), 8, 0));
        Assert.Equal(1, await world.Scheduler().RunOnceAsync(CancellationToken.None));
        var overdue = Assert.Single(await world.OutboxAsync(CoordinatorDigestPayload.Kind));
        Assert.Equal(FollowUpWorld.Coordinator, overdue.RecipientId);
        Assert.Equal(1, await world.EntriesAsync(caseId, DossierEntryKind.FollowUpOverdue));
        // In the location's grouped card for the coordinator (issue 12: overdue follow-ups of one morning are one card).
        var card = await world.RenderAsync(overdue);
        Assert.Contains("Het vervolgmoment is niet beantwoord door de mentor", card, StringComparison.Ordinal);
        Assert.Contains("Open ", card, StringComparison.Ordinal);

        await using (var scope = world.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<ICaseStore>().IsMemberAsync(caseId, FollowUpWorld.Coordinator, CancellationToken.None),
                "the coordinator can open the case now");
        }

        world.MoveTo(At(new DateOnly(2026, 11, 30), 8, 0));
        Assert.Equal(0, await world.Scheduler().RunOnceAsync(CancellationToken.None));
        Assert.Single(await world.OutboxAsync(CoordinatorDigestPayload.Kind));
    }

    [Fact]
    public async Task Two_follow_ups_overdue_on_one_morning_reach_the_coordinator_as_one_card()
    {
        await using var world = await WorldAsync();
        await world.RouteACaseAsync(new DateOnly(2026, 11, 19));
        await world.RouteACaseAsync(new DateOnly(2026, 11, 19));
        world.MoveTo(At(new DateOnly(2026, 11, 19), 8, 30));
        Assert.Equal(2, await world.Scheduler().RunOnceAsync(CancellationToken.None));

        world.MoveTo(At(new DateOnly(2026, 11, 23), 8, 0));
        Assert.Equal(2, await world.Scheduler().RunOnceAsync(CancellationToken.None));
        var digest = Assert.Single(await world.OutboxAsync(CoordinatorDigestPayload.Kind));
        var card = await world.RenderAsync(digest);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(card!, "Het vervolgmoment is niet beantwoord door de mentor").Count);
    }

    [Fact]
    public async Task An_answered_follow_up_is_not_escalated_and_a_new_one_comes_back_on_its_own_day()
    {
        await using var world = await WorldAsync();
        var caseId = await world.RouteACaseAsync(FollowUpDay);
        world.MoveTo(At(FollowUpDay, 8, 0));
        await world.Scheduler().RunOnceAsync(CancellationToken.None);

        var mentor = new Domain.Roles.StaffRef(FollowUpWorld.Mentor, Domain.Roles.StaffRole.Mentor);
        await world.ChangeAsync(caseId, c => c.A3FollowUp(mentor, world.Clock.GetUtcNow(), SchoolTime.FollowUpMoment(new DateOnly(2026, 11, 30)), "Het gaat beter."));

        world.MoveTo(At(new DateOnly(2026, 11, 27), 12, 0));
        Assert.Equal(0, await world.Scheduler().RunOnceAsync(CancellationToken.None));
        Assert.Empty(await world.OutboxAsync(CoordinatorDigestPayload.Kind));

        world.MoveTo(At(new DateOnly(2026, 11, 30), 8, 0));
        Assert.Equal(1, await world.Scheduler().RunOnceAsync(CancellationToken.None));
        Assert.Equal(2, (await world.OutboxAsync(FollowUpReminderPayload.Kind)).Count);

        await world.ChangeAsync(caseId, c => c.Close(mentor, world.Clock.GetUtcNow(), "Het gaat goed."));
        world.MoveTo(At(new DateOnly(2026, 12, 10), 8, 0));
        Assert.Equal(0, await world.Scheduler().RunOnceAsync(CancellationToken.None));
        Assert.Empty(await world.OutboxAsync(CoordinatorDigestPayload.Kind));
    }

    [Fact]
    public async Task A_reminder_answered_before_it_is_delivered_is_not_sent()
    {
        await using var world = await WorldAsync();
        var caseId = await world.RouteACaseAsync(FollowUpDay);
        world.MoveTo(At(FollowUpDay, 8, 0));
        await world.Scheduler().RunOnceAsync(CancellationToken.None);
        var mentor = new Domain.Roles.StaffRef(FollowUpWorld.Mentor, Domain.Roles.StaffRole.Mentor);
        await world.ChangeAsync(caseId, c => c.Close(mentor, world.Clock.GetUtcNow(), "Het gaat goed."));

        Assert.Null(await world.RenderAsync(Assert.Single(await world.OutboxAsync(FollowUpReminderPayload.Kind))));
    }

    [Fact]
    public async Task Two_instances_on_one_database_send_each_reminder_exactly_once()
    {
        await using var world = await WorldAsync(instances: 2);
        var cases = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            cases.Add(await world.RouteACaseAsync(FollowUpDay));
        }

        world.MoveTo(At(FollowUpDay, 8, 0));
        for (var round = 0; round < 3; round++)
        {
            var done = await Task.WhenAll(world.Scheduler(0).RunOnceAsync(CancellationToken.None), world.Scheduler(1).RunOnceAsync(CancellationToken.None));
            Assert.Equal(round == 0 ? 4 : 0, done.Sum());
        }

        var reminders = await world.OutboxAsync(FollowUpReminderPayload.Kind);
        Assert.Equal(4, reminders.Count);
        foreach (var caseId in cases)
        {
            Assert.Equal(1, await world.EntriesAsync(caseId, DossierEntryKind.FollowUpReminderSent));
        }
    }

    [Fact]
    public async Task A_lease_held_by_a_killed_instance_is_taken_over_when_it_runs_out()
    {
        await using var world = await WorldAsync(instances: 2);
        var caseId = await world.RouteACaseAsync(FollowUpDay);
        world.MoveTo(At(FollowUpDay, 8, 0));

        // Instance 0 takes the lease and is killed before it stores anything.
        var job = world.Scheduler(0).DueJob(await world.CaseAsync(caseId), world.Clock.GetUtcNow())!.Value;
        await using (var scope = world.Instances[0].CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<FollowUpJobs>()
                .TryLeaseAsync(job.Key, caseId, job.Kind, "instance-0:killed", TimeSpan.FromMinutes(2), CancellationToken.None));
        }

        Assert.Equal(0, await world.Scheduler(1).RunOnceAsync(CancellationToken.None));
        world.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await world.Scheduler(1).RunOnceAsync(CancellationToken.None));
        Assert.Empty(await world.OutboxAsync(FollowUpReminderPayload.Kind));

        world.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await world.Scheduler(1).RunOnceAsync(CancellationToken.None));
        Assert.Single(await world.OutboxAsync(FollowUpReminderPayload.Kind));
        Assert.Equal(1, await world.EntriesAsync(caseId, DossierEntryKind.FollowUpReminderSent));
        await using (var scope = world.Services.CreateAsyncScope())
        {
            var row = await scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>().Set<FollowUpJobRecord>().AsNoTracking().SingleAsync(j => j.Key == job.Key);
            Assert.Equal(FollowUpJobStatus.Done, row.Status);
            Assert.Equal(2, row.Attempts);
        }
    }

    [Fact]
    public async Task An_instance_killed_after_storing_the_reminder_is_taken_over_without_sending_twice()
    {
        await using var world = await WorldAsync(instances: 2);
        var caseId = await world.RouteACaseAsync(FollowUpDay);
        world.MoveTo(At(FollowUpDay, 8, 0));

        // Instance 0 leases, stores the dossier entry and the outbox message in one transaction, and is killed before it
        // marks the job done.
        var job = world.Scheduler(0).DueJob(await world.CaseAsync(caseId), world.Clock.GetUtcNow())!.Value;
        await using (var scope = world.Instances[0].CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            Assert.True(await services.GetRequiredService<FollowUpJobs>().TryLeaseAsync(job.Key, caseId, job.Kind, "instance-0:killed", TimeSpan.FromMinutes(2), CancellationToken.None));
            var store = services.GetRequiredService<ICaseStore>();
            var c = (await store.FindAsync(caseId, CancellationToken.None))!;
            var pending = c.PendingFollowUp!;
            var entry = c.RecordFollowUpReminder(pending.Owner, world.Clock.GetUtcNow());
            await store.SaveAsync(c, [], [OutboxMessage.Create(FollowUpReminderPayload.Kind, $"{FollowUpReminderPayload.Kind}:{pending.PlannedIn.Id:N}",
                new FollowUpReminderPayload(caseId, entry.Id), pending.Owner.StaffId, world.Clock.GetUtcNow())], CancellationToken.None);
        }

        world.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(0, await world.Scheduler(1).RunOnceAsync(CancellationToken.None));
        Assert.Single(await world.OutboxAsync(FollowUpReminderPayload.Kind));
        Assert.Equal(1, await world.EntriesAsync(caseId, DossierEntryKind.FollowUpReminderSent));
    }
}

/// <summary>The scheduler contract on SQLite files.</summary>
public sealed class SqliteFollowUpSchedulerTests(SqliteTestDatabase database)
    : FollowUpSchedulerContract<SqliteTestDatabase>(database), IClassFixture<SqliteTestDatabase>;

/// <summary>The scheduler contract on PostgreSQL (<c>PESTPROTOCOL_TEST_POSTGRES</c>).</summary>
public sealed class PostgresFollowUpSchedulerTests(PostgresTestDatabase database)
    : FollowUpSchedulerContract<PostgresTestDatabase>(database), IClassFixture<PostgresTestDatabase>;
