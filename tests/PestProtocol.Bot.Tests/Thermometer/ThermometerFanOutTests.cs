using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Features.FollowUps;
using PestProtocol.Bot.Features.Thermometer;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Tests.Notifications;
using PestProtocol.BotFramework.Testing.Connector;
using PestProtocol.Domain.FollowUps;
using PestProtocol.Domain.Thermometer;
using Xunit.Abstractions;

namespace PestProtocol.Bot.Tests.Thermometer;

/// <summary>
/// Issue 14, item 5: the thermometer of 40 classes of 30 students at once goes through the outbox to every student,
/// none twice, nothing lost while the connector answers 429 now and then. The real dispatcher against the fake
/// connector on 127.0.0.1. With <c>PESTPROTOCOL_FANOUT_BENCH=1</c> (bench/fanout.sh) it runs at Teams' own limits
/// (7 per conversation per second, 50 per app per second) and writes how long it took against the minimum those
/// limits allow; otherwise the app-wide limit is raised so the test stays short (the limits have their own tests).
/// </summary>
public sealed class ThermometerFanOutTests(ITestOutputHelper output) : NotificationTests
{
    private const int Classes = 40;
    private const int StudentsPerClass = 30;

    private static bool Bench => Environment.GetEnvironmentVariable("PESTPROTOCOL_FANOUT_BENCH") == "1";

    [Fact]
    public async Task Forty_classes_of_thirty_students_each_get_one_invitation_none_twice_none_lost_under_429s()
    {
        var perApp = Bench ? 50 : 400;
        await using var bot = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, new Dictionary<string, string?>
        {
            ["Notifications:GlobalPerSecond"] = perApp.ToString(CultureInfo.InvariantCulture),
            ["Notifications:BatchSize"] = "50",
            ["Notifications:MaxAttempts"] = "20",
        }, services =>
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Thermometer:RoundEnabled"] = "false" }).Build();
            services.AddSingleton(SchoolCalendar.WeekendsOnly);
            services.AddOptions<FollowUpOptions>();
            services.AddThermometer(configuration);
        });

        // 40 open surveys, and for each of their 30 students an invitation planned as StartThermometer plans it.
        // Open now (the dispatcher reads the real clock): a survey that has closed sends no invitations.
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, PestProtocol.Bot.Features.Melding.SchoolTime.Zone).DateTime);
        var students = new List<string>();
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
            for (var c = 0; c < Classes; c++)
            {
                var survey = ThermometerSurvey.Open(Guid.NewGuid(), $"dewilgen/k{c}", $"k{c}", "dewilgen", StudentsPerClass, SchoolCalendar.WeekendsOnly, today, SchoolCalendar.WeekendsOnly.SchoolDayOnOrAfter(today.AddDays(14))).Value!;
                for (var s = 0; s < StudentsPerClass; s++)
                {
                    var student = $"{c:D2}{s:D2}0000-0000-4000-a000-000000000000";
                    students.Add(student);
                    db.OutboxMessages.Add(OutboxMessage.Create(
                        ThermometerPayload.InvitationKind, ThermometerPayload.DedupKey(ThermometerPayload.InvitationKind, survey.Id, student), new ThermometerPayload(survey.Id), student, now));
                }

                using var key = RespondentKey.Create();
                await new ThermometerSurveys(db).OpenAsync(survey, "mentor", key, CancellationToken.None);
            }
        }

        foreach (var student in students)
        {
            // The chat each student has with the bot (in Teams: the app installed for them).
            await bot.SaveReferenceAsync(student, "a:chat-" + student, "29:" + student);
        }

        Connector.RespondNextWithThrottle(retryAfterSeconds: 1, times: 25);
        var clock = Stopwatch.StartNew();
        await bot.StartDispatcherAsync();
        var outbox = await bot.WaitUntilSettledAsync(Classes * StudentsPerClass, TimeSpan.FromMinutes(8));
        clock.Stop();

        Assert.Equal(Classes * StudentsPerClass, outbox.Count);
        Assert.All(outbox, o => Assert.Equal(OutboxStatus.Sent, o.Status));
        var sends = Connector.Calls.Where(c => c.Operation == FakeConnectorOperation.SendToConversation && c.ResponseStatus is >= 200 and < 300).ToList();
        Assert.Equal(Classes * StudentsPerClass, sends.Count);
        Assert.Equal(students.Select(s => "a:chat-" + s).Order(StringComparer.Ordinal), sends.Select(c => c.ConversationId!).Order(StringComparer.Ordinal));
        Assert.Equal(25, Connector.Calls.Count(c => c.ResponseStatus == 429));
        Assert.All(sends, c => Assert.Contains(PestProtocol.Bot.Notifications.Delivery.DeliveryTexts.ThermometerSummary, c.Body, StringComparison.Ordinal));

        var minimum = TimeSpan.FromSeconds((double)(Classes * StudentsPerClass) / perApp);
        output.WriteLine($"fan-out: {Classes}x{StudentsPerClass} = {Classes * StudentsPerClass} invitations, 25 injected 429s (Retry-After 1 s), "
            + $"{clock.Elapsed.TotalSeconds:0.0} s; minimum at {perApp}/s per app and 7/s per conversation: {minimum.TotalSeconds:0.0} s; ratio {clock.Elapsed / minimum:0.00}");
    }
}
