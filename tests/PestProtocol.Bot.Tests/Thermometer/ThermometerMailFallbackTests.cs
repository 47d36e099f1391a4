using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Features.FollowUps;
using PestProtocol.Bot.Features.Thermometer;
using PestProtocol.Bot.Notifications.Delivery;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Tests.Notifications;
using PestProtocol.Domain.FollowUps;
using PestProtocol.Domain.Thermometer;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace PestProtocol.Bot.Tests.Thermometer;

/// <summary>
/// A student who blocked the bot and cannot get the activity-feed notice gets the thermometer's invitation by mail: a mail
/// about a questionnaire ("vragenlijst"), not about a "melding", without the class, a name or anything of the survey.
/// The real dispatcher against the fake connector and the fake Graph on 127.0.0.1.
/// </summary>
public sealed class ThermometerMailFallbackTests : NotificationTests
{
    [Fact]
    public async Task A_blocked_student_gets_a_mail_about_a_questionnaire_not_about_a_melding()
    {
        Graph.Server.Given(Request.Create().WithPath("/v1.0/users/*/teamwork/sendActivityNotification").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(403).WithHeader("Content-Type", "application/json")
                .WithBody("{\"error\":{\"code\":\"Forbidden\",\"message\":\"The app is not installed for the user.\"}}"));
        Graph.Server.Given(Request.Create().WithPath("/v1.0/users/*/sendMail").UsingPost()).RespondWith(Response.Create().WithStatusCode(202));
        await using var bot = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, new Dictionary<string, string?>
        {
            // Daan Mulder (2b) with a school mail address.
            ["Directory:People:5:Email"] = "d.mulder@leerling.dewilgen.example",
        }, services =>
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Thermometer:RoundEnabled"] = "false" }).Build();
            services.AddSingleton(SchoolCalendar.WeekendsOnly);
            services.AddOptions<FollowUpOptions>();
            services.AddThermometer(configuration);
        });
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
            // Open now (the dispatcher reads the real clock): a survey that has closed sends no invitations.
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, PestProtocol.Bot.Features.Melding.SchoolTime.Zone).DateTime);
            var survey = ThermometerSurvey.Open(Guid.NewGuid(), "dewilgen/2b", "2b", People.Location, 1, SchoolCalendar.WeekendsOnly, today, SchoolCalendar.WeekendsOnly.SchoolDayOnOrAfter(today.AddDays(7))).Value!;
            db.OutboxMessages.Add(OutboxMessage.Create(
                ThermometerPayload.InvitationKind, ThermometerPayload.DedupKey(ThermometerPayload.InvitationKind, survey.Id, People.Student), new ThermometerPayload(survey.Id), People.Student, DateTimeOffset.UtcNow));
            using var key = RespondentKey.Create();
            await new ThermometerSurveys(db).OpenAsync(survey, People.Mentor, key, CancellationToken.None);
        }

        await bot.SaveReferenceAsync(People.Student, "a:daan-chat", "29:daan");
        Connector.RespondNextWithError(403, "MessageWritesBlocked", "The bot was blocked by the user.");

        await bot.Dispatcher.DispatchOnceAsync(CancellationToken.None);
        var outbox = await bot.WaitUntilSettledAsync(1, TimeSpan.FromSeconds(10));

        Assert.Equal(OutboxStatus.Sent, Assert.Single(outbox).Status);
        Assert.Contains("vragenlijst", Assert.Single(Graph.CallsTo("POST", "/teamwork/sendActivityNotification")).RequestMessage.Body, StringComparison.Ordinal);
        var mail = Assert.Single(Graph.CallsTo("POST", "/sendMail")).RequestMessage.Body!;
        Assert.Contains("Een vragenlijst voor je in PestProtocol", mail, StringComparison.Ordinal);
        Assert.Contains("Niemand op school kan zien wat jij hebt ingevuld", mail, StringComparison.Ordinal);
        Assert.Contains("d.mulder@leerling.dewilgen.example", mail, StringComparison.Ordinal);
        Assert.DoesNotContain("melding", mail, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Daan", mail, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"(?i)\b2b\b", mail);
    }

    [Fact]
    public void The_results_mail_says_the_result_of_a_questionnaire_is_ready_and_an_alert_mail_still_says_melding()
    {
        Assert.Contains("uitslag", DeliveryTexts.MailSubjectFor(ThermometerPayload.ResultsKind), StringComparison.Ordinal);
        Assert.Contains("De uitslag van een thermometer", DeliveryTexts.MailBodyFor(ThermometerPayload.ResultsKind, "https://teams.example/app"), StringComparison.Ordinal);
        Assert.Contains("vragenlijst", DeliveryTexts.MailSubjectFor(ThermometerPayload.ReminderKind), StringComparison.Ordinal);
        Assert.Equal(DeliveryTexts.MailSubject, DeliveryTexts.MailSubjectFor("case-alert"));
        Assert.Equal(DeliveryTexts.MailBody("https://teams.example/app"), DeliveryTexts.MailBodyFor("case-alert", "https://teams.example/app"));
    }
}
