using System.Text;
using System.Text.Json;
using OpenTelemetry.Metrics;
using PestProtocol.Bot.Telemetry;
using PestProtocol.BotFramework.Schema;
using Span = System.Diagnostics.Activity;

namespace PestProtocol.Bot.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class TurnTelemetryMiddlewareTests : IDisposable
{
    // What a real turn carries about people: none of it may appear in any span or metric.
    private static readonly string[] PersonalData =
    [
        "29:ZZ-secret-user", "ZZ-secret-aad", "Anna Geheim", "a:1ZZ-secret-conversation", "ZZ-secret-tenant",
        "Piet Pestkop", "ZZ-secret-activity", "28:ZZ-secret-bot", "secret", "Geheim",
    ];

    private readonly TelemetryHarness _harness = new();
    private readonly FakeChannelAdapter _adapter = new();

    public TurnTelemetryMiddlewareTests() => _adapter.Use(_harness.Get<TurnTelemetryMiddleware>());

    public void Dispose() => _harness.Dispose();

    private static Activity IncomingMessage() => new()
    {
        Type = ActivityTypes.Message,
        Id = "ZZ-secret-activity",
        ChannelId = Channels.MsTeams,
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        From = new ChannelAccount { Id = "29:ZZ-secret-user", Name = "Anna Geheim", AadObjectId = "ZZ-secret-aad" },
        Recipient = new ChannelAccount { Id = "28:ZZ-secret-bot", Name = "Pestprotocol" },
        Conversation = new ConversationAccount { Id = "a:1ZZ-secret-conversation", ConversationType = "personal", TenantId = "ZZ-secret-tenant" },
        Text = "Piet Pestkop scheldt Anna Geheim elke dag uit",
        Locale = "nl-NL",
    };

    [Fact]
    public async Task A_message_turn_is_one_turn_span_with_its_type_and_channel_and_nothing_about_the_people()
    {
        await _adapter.ProcessAsync(IncomingMessage(), (turn, ct) => turn.SendActivityAsync("Dank je, Anna Geheim", ct));

        var span = Assert.Single(_harness.SpansOfThisTest, s => s.OperationName == TurnTelemetryMiddleware.SpanName);
        Assert.Equal("message", span.GetTagItem(TelemetryTags.ActivityTypeKey));
        Assert.Equal("msteams", span.GetTagItem(TelemetryTags.ChannelIdKey));
        Assert.Equal(TelemetryTags.Success, span.GetTagItem(TelemetryTags.OutcomeKey));
        AssertNoPersonalData(Describe(_harness.SpansOfThisTest));
    }

    [Fact]
    public async Task A_turn_is_counted_and_timed_by_activity_type_and_outcome_without_personal_data()
    {
        await _adapter.ProcessAsync(IncomingMessage(), (turn, ct) => turn.SendActivityAsync("Dank je, Anna Geheim", ct));

        var metrics = _harness.CollectBotMetrics();

        var turns = Assert.Single(metrics, m => m.Name == "pestprotocol.turns");
        var counted = Assert.Single(turns.MetricPoints);
        Assert.Equal(1, counted.GetSumLong());
        Assert.Equal(
            [new("activity.type", "message"), new("outcome", "success")],
            Tags(counted).OrderBy(tag => tag.Key));
        var duration = Assert.Single(metrics, m => m.Name == "pestprotocol.turn.duration");
        Assert.Equal("ms", duration.Unit);
        var timed = Assert.Single(duration.MetricPoints);
        Assert.Equal(1, timed.GetHistogramCount());
        Assert.Equal([new("activity.type", "message")], Tags(timed));
        AssertNoPersonalData(Describe(metrics));
    }

    [Fact]
    public async Task An_invoke_span_names_the_invoke_and_a_card_submission_leaves_its_data_out()
    {
        var invoke = IncomingMessage();
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = "adaptiveCard/action";
        invoke.Text = null;
        invoke.Value = BotJson.ToElement(new { action = new { type = "Action.Execute", verb = "oppakken", data = new { leerling = "Piet Pestkop" } } });

        await _adapter.ProcessAsync(invoke, (turn, _) =>
        {
            turn.InvokeResponse = new InvokeResponse(200, null);
            return Task.CompletedTask;
        });

        var span = Assert.Single(_harness.SpansOfThisTest, s => s.OperationName == TurnTelemetryMiddleware.SpanName);
        Assert.Equal("invoke", span.GetTagItem(TelemetryTags.ActivityTypeKey));
        Assert.Equal("adaptiveCard/action", span.GetTagItem(TelemetryTags.InvokeNameKey));
        AssertNoPersonalData(Describe(_harness.SpansOfThisTest));
    }

    [Fact]
    public async Task A_failing_turn_is_recorded_as_an_error_by_exception_type_without_the_exception_message()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _adapter.ProcessAsync(IncomingMessage(), (_, _) => throw new InvalidOperationException("No mentor for Anna Geheim (29:ZZ-secret-user)")));

        Assert.Contains("Anna Geheim", failure.Message);
        var span = Assert.Single(_harness.SpansOfThisTest, s => s.OperationName == TurnTelemetryMiddleware.SpanName);
        Assert.Equal(System.Diagnostics.ActivityStatusCode.Error, span.Status);
        Assert.Equal(TelemetryTags.Error, span.GetTagItem(TelemetryTags.OutcomeKey));
        Assert.Equal(typeof(InvalidOperationException).FullName, span.GetTagItem("error.type"));
        var turns = Assert.Single(_harness.CollectBotMetrics(), m => m.Name == "pestprotocol.turns");
        Assert.Contains(new KeyValuePair<string, object?>("outcome", "error"), Tags(Assert.Single(turns.MetricPoints)));
        AssertNoPersonalData(Describe(_harness.SpansOfThisTest));
    }

    [Fact]
    public async Task An_activity_type_or_channel_that_is_not_a_protocol_word_is_recorded_as_other()
    {
        var forged = IncomingMessage();
        forged.Type = "Anna Geheim";
        forged.ChannelId = "29:ZZ-secret-user";

        await _adapter.ProcessAsync(forged, (_, _) => Task.CompletedTask);

        var span = Assert.Single(_harness.SpansOfThisTest, s => s.OperationName == TurnTelemetryMiddleware.SpanName);
        Assert.Equal(TelemetryTags.Other, span.GetTagItem(TelemetryTags.ActivityTypeKey));
        Assert.Equal(TelemetryTags.Other, span.GetTagItem(TelemetryTags.ChannelIdKey));
        AssertNoPersonalData(Describe(_harness.CollectBotMetrics()));
    }

    private static void AssertNoPersonalData(string recorded)
    {
        Assert.False(string.IsNullOrWhiteSpace(recorded));
        foreach (var value in PersonalData)
        {
            Assert.DoesNotContain(value, recorded, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static IEnumerable<KeyValuePair<string, object?>> Tags(MetricPoint point)
    {
        var tags = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags)
        {
            tags.Add(tag);
        }

        return tags;
    }

    /// <summary>Everything an exporter would send about these spans, as text.</summary>
    private static string Describe(IEnumerable<Span> spans)
    {
        var text = new StringBuilder();
        foreach (var span in spans)
        {
            text.AppendLine($"{span.OperationName} {span.DisplayName} {span.Source.Name} {span.Kind} {span.Status} {span.StatusDescription}");
            foreach (var tag in span.TagObjects)
            {
                text.AppendLine($"{tag.Key}={tag.Value}");
            }

            foreach (var item in span.Baggage)
            {
                text.AppendLine($"{item.Key}={item.Value}");
            }

            foreach (var spanEvent in span.Events)
            {
                text.AppendLine(spanEvent.Name + " " + JsonSerializer.Serialize(spanEvent.Tags.ToDictionary(t => t.Key, t => t.Value?.ToString())));
            }
        }

        return text.ToString();
    }

    /// <summary>Everything an exporter would send about these metrics, as text.</summary>
    private static string Describe(IEnumerable<MetricSnapshot> metrics)
    {
        var text = new StringBuilder();
        foreach (var metric in metrics)
        {
            text.AppendLine($"{metric.Name} {metric.Description} {metric.Unit}");
            foreach (var point in metric.MetricPoints)
            {
                foreach (var tag in Tags(point))
                {
                    text.AppendLine($"{tag.Key}={tag.Value}");
                }
            }
        }

        return text.ToString();
    }
}
