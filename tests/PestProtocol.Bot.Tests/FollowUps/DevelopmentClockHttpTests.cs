using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Features.FollowUps;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Tests.Hosting;
using PestProtocol.BotFramework.Testing.Connector;

namespace PestProtocol.Bot.Tests.FollowUps;

/// <summary>
/// <c>/api/dev/clock</c> moves the bot's clock in local development (the end-to-end tests reach a follow-up's day with it);
/// a bot with a MicrosoftAppId (production) has no such endpoint and keeps the real clock.
/// </summary>
public sealed class DevelopmentClockHttpTests : IAsyncLifetime
{
    private FakeConnector _connector = null!;

    public async Task InitializeAsync() => _connector = await FakeConnector.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    [Fact]
    public async Task In_development_the_clock_moves_forward_and_junk_is_refused()
    {
        await using var app = new BotApp(_connector, new Dictionary<string, string?> { ["FollowUps:SchedulerEnabled"] = "false" });
        using var client = app.CreateClient();
        var before = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();

        using var moved = await client.PostAsync(DevelopmentClockEndpoints.Path, Json("""{"advance": "15.00:00:00"}"""));
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        using var body = JsonDocument.Parse(await moved.Content.ReadAsStringAsync());
        Assert.Equal("15.00:00:00", body.RootElement.GetProperty("offset").GetString());
        Assert.True(app.Services.GetRequiredService<TimeProvider>().GetUtcNow() >= before.AddDays(15), "the bot's clock is 15 days on");

        foreach (var junk in new[] { "not json", """{"advance": "-1.00:00:00"}""", """{"advance": 15}""", "[]", """{"advance": "9999.00:00:00"}""" })
        {
            using var refused = await client.PostAsync(DevelopmentClockEndpoints.Path, Json(junk));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        Assert.Equal(TimeSpan.FromDays(15), app.Services.GetRequiredService<DevelopmentClock>().Offset);
    }

    [Fact]
    public async Task Reading_the_clock_tells_how_many_outbox_messages_are_due_and_sent_without_naming_anyone()
    {
        await using var app = new BotApp(_connector, new Dictionary<string, string?>
        {
            ["FollowUps:SchedulerEnabled"] = "false",
            ["Notifications:DispatcherEnabled"] = "false",

            // The yearly prevention round plans its own messages from September on; this test counts only its own four.
            ["Prevention:Enabled"] = "false",
        });
        using var client = app.CreateClient();
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
            db.OutboxMessages.Add(OutboxMessage.Create("case-alert", "due-now", "{}", "staff-due", now));
            db.OutboxMessages.Add(OutboxMessage.Create("case-alert", "due-too", "{}", "staff-due", now.AddMinutes(-5)));
            var later = OutboxMessage.Create("case-alert", "later", "{}", "staff-later", now);
            later.NextAttemptAt = now.AddDays(3);
            db.OutboxMessages.Add(later);
            var sent = OutboxMessage.Create("case-alert", "sent", "{}", "staff-sent", now);
            sent.Status = OutboxStatus.Sent;
            db.OutboxMessages.Add(sent);
            await db.SaveChangesAsync();
        }

        var read = await client.GetStringAsync(DevelopmentClockEndpoints.Path);
        using (var body = JsonDocument.Parse(read))
        {
            Assert.Equal(2, body.RootElement.GetProperty("outbox").GetProperty("due").GetInt32());
            Assert.Equal(1, body.RootElement.GetProperty("outbox").GetProperty("sent").GetInt32());
        }

        Assert.DoesNotContain("staff-", read, StringComparison.Ordinal);

        // Three days on, the later message is due as well.
        using var moved = await client.PostAsync(DevelopmentClockEndpoints.Path, Json("""{"advance": "3.00:00:01"}"""));
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        using var after = JsonDocument.Parse(await client.GetStringAsync(DevelopmentClockEndpoints.Path));
        Assert.Equal(3, after.RootElement.GetProperty("outbox").GetProperty("due").GetInt32());
    }

    [Fact]
    public async Task In_production_there_is_no_clock_to_move()
    {
        await using var app = new BotApp(_connector, new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "00000000-0000-4000-a000-00000000b0b0",
            ["MicrosoftAppPassword"] = "not-used",
            ["MicrosoftAppTenantId"] = "e2e0a000-0000-4000-a000-00000000a001",
            ["FollowUps:SchedulerEnabled"] = "false",
        });
        using var client = app.CreateClient();

        using var response = await client.PostAsync(DevelopmentClockEndpoints.Path, Json("""{"advance": "15.00:00:00"}"""));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var read = await client.GetAsync(DevelopmentClockEndpoints.Path);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Null(app.Services.GetService<DevelopmentClock>());
        Assert.IsNotType<DevelopmentClock>(app.Services.GetRequiredService<TimeProvider>());
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
}
