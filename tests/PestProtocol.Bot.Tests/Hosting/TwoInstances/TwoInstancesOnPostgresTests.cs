using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using PestProtocol.Bot.Tests.Melding;
using PestProtocol.Bot.Tests.Storage;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing;
using Activity = PestProtocol.BotFramework.Schema.Activity;
using Xunit.Abstractions;

namespace PestProtocol.Bot.Tests.Hosting.TwoInstances;

/// <summary>
/// Scale-out as a school group or a national rollout runs it: two bot processes (two App Service instances) on one
/// PostgreSQL database, behind one load balancer that sends each turn to either. Both run the outbox dispatcher.
/// <para>
/// "Exactly once" here means: every alert the outbox holds is answered 201 by the connector exactly once, and no turn
/// is answered twice. It cannot mean more: the Bot Connector has no idempotency key, so if an instance dies after
/// Teams accepted a POST but before it recorded the send, the instance that takes the lease over sends it again and
/// the person sees it twice. What the lease guarantees is that an alert is never lost and that, while its lease holds,
/// no second instance sends it; the test kills the sender while its POST is unanswered (Teams did not take it).
/// </para>
/// </summary>
public sealed class TwoInstancesOnPostgresTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Anouk = BotHarness.Anouk;
    private const string Jeroen = BotHarness.Jeroen;
    private const string Marco = BotHarness.Marco;
    private const string Ingrid = "e2e0c000-0000-4000-a000-000000000005";
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(4);

    private readonly PostgresTestDatabase _database = new();
    private ConnectorBetweenInstances _connector = null!;
    private BotProcess _a = null!;
    private BotProcess _b = null!;
    private readonly Dictionary<string, StaffChat> _chats = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _connector = await ConnectorBetweenInstances.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["ConnectionStrings:PestProtocol"] = _database.ConnectionString,
            ["Notifications:PollInterval"] = "00:00:00.200",
            ["Notifications:LeaseDuration"] = LeaseDuration.ToString("c"),
            ["Notifications:BackoffBase"] = "00:00:01",

            // The coordinator's grouped card goes out when its window closes, on fixed marks of the clock (whole multiples of
            // the window since 0001-01-01 UTC): with the default 10 minutes a run of 30-60 s crosses a mark in 5-10 % of runs
            // and gets it as a ninth proactive message beside the 8 alerts; a 7-day window still ends every Monday 00:00 UTC.
            // 100 years: the next mark is in 2099. No test here is about that card (its row stays pending, due then).
            ["Notifications:CoordinatorDigestWindow"] = "36500.00:00:00",

            // From 1 September the yearly prevention round sends every mentor its card: proactive messages that are not this
            // test's alerts (a run in September counted 6 connector requests where 4 were expected).
            ["Prevention:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",

            // For a failing run to explain itself: connector retries, and an alert card planned again after its case moved.
            ["Logging:LogLevel:PestProtocol.BotFramework.Connector"] = "Information",
            ["Logging:LogLevel:PestProtocol.Bot.Notifications"] = "Information",
        };

        // Both start at once and migrate the same fresh database (the migration takes an advisory lock).
        var started = await Task.WhenAll(BotProcess.StartAsync("A", settings), BotProcess.StartAsync("B", settings));
        (_a, _b) = (started[0], started[1]);
        var processes = new[] { (_a.ProcessId, "A"), (_b.ProcessId, "B") };
        _connector.IdentifyClient = port => ClientProcess.Of(port, _connector.Port, processes);
        output.WriteLine($"two instances ready after {_clock.Elapsed.TotalSeconds:F1} s");

        // Every staff member who is alerted has a chat with the bot (its reference is stored by whichever instance saw it).
        foreach (var (id, name, instance) in new[] { (Jeroen, "Jeroen Bakker", _a), (Marco, "Marco Jansen", _b), (Ingrid, "Ingrid Visser", _a), (Anouk, "Anouk de Vries", _b) })
        {
            var chat = _chats[id] = new StaffChat(_connector, id, name);
            Expect(await chat.SayAsync(instance, "help"), "melding");
        }
    }

    public async Task DisposeAsync()
    {
        output.WriteLine($"done after {_clock.Elapsed.TotalSeconds:F1} s");
        if (_a is not null)
        {
            await _a.DisposeAsync();
        }

        if (_b is not null)
        {
            await _b.DisposeAsync();
        }

        if (_connector is not null)
        {
            await _connector.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Turns_of_one_conversation_alternate_between_two_instances_and_every_step_and_every_alert_arrives_once()
    {
        var anouk = _chats[Anouk];
        var turn = 0;
        BotProcess Next() => turn++ % 2 == 0 ? _a : _b;

        // Two cases, one after the other, in one chat: every turn goes to the other instance than the one before.
        await WalkToB3Async(anouk, Next);
        Expect(await anouk.SayAsync(Next(), "stop"), "ik ben gestopt");
        await WalkToB3Async(anouk, Next);

        // No lost state update: both cases reached B.3, every step up to B.2 stored once, in order.
        var dossiers = await DossiersAsync();
        Assert.Equal(2, dossiers.Count);
        Assert.All(dossiers.Values, steps => Assert.Equal(
            ["Step1Suspicion", "Step1SuspicionConfirmed", "Step2ParentsInformed", "Step3RouteB", "B1MediationConversation", "B2Reported"], steps));

        // No double reply: every turn was answered, none twice, and nothing answered a turn that was not sent.
        AssertEachTurnAnsweredOnce();

        // Every alert exactly once: 2 cases × (step 1 → coordinator; B.2 → team leader, coordinator, IB).
        var alerts = await WaitUntilAllSentAsync(expected: 8);
        await AssertEachAlertShownOnceAsync(alerts);
        output.WriteLine($"{anouk.SentIds.Count} turns alternated over A and B; {alerts.Count} alerts shown once each");
    }

    [Fact]
    public async Task When_the_instance_sending_an_alert_is_killed_the_other_takes_its_lease_over_and_every_alert_arrives_once()
    {
        var anouk = _chats[Anouk];
        var held = _connector.HoldNextSend();
        var turn = 0;
        BotProcess? survivor = null;
        BotProcess Next() => survivor ?? (turn++ % 2 == 0 ? _a : _b);

        // The intake stores the case with the coordinator's alert; one instance leases it and POSTs it: not answered.
        Expect(await anouk.SayAsync(Next(), "melding"), "Over welke leerling gaat het?");
        Expect(await anouk.ClickAsync(Next(), "Verder", new Dictionary<string, object?> { ["leerlingNaam"] = "Sanne" }), "Wat heb je gezien of gehoord?");
        Expect(await anouk.ClickAsync(Next(), "Melding vastleggen", Fill.Intake()), "Klopt het vermoeden?");
        var send = await held.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(_chats[Jeroen].ConversationId, send.ConversationId);

        // Kill the instance holding that lease, in the middle of its POST.
        var owner = await LeaseOwnerOfSendingAlertAsync();
        var (dead, alive) = owner.StartsWith("A:", StringComparison.Ordinal) ? (_a, _b) : (_b, _a);
        var killedAt = _clock.Elapsed;
        dead.Kill();
        survivor = alive;
        output.WriteLine($"killed {dead.Name} while it sent the coordinator's alert; {alive.Name} goes on");

        // The chat goes on at the other instance, where the dead one left it.
        Expect(await anouk.ClickAsync(Next(), "Ja, het vermoeden klopt", new Dictionary<string, object?> { ["notitie"] = "Oriënterend gesprek gevoerd; het vermoeden klopt." }), "Wie gaat welke stappen ondernemen?");
        Expect(await anouk.ClickAsync(Next(), "Ouders zijn geïnformeerd", Fill.Parents(new() { ["wieWelkeStappen"] = "De mentor praat met Sanne." })), "Kies samen met de leerling een route");
        Expect(await anouk.ClickAsync(Next(), "Route B", new Dictionary<string, object?> { ["samenMetLeerling"] = "true" }), "Stap B.1");
        Expect(await anouk.ClickAsync(Next(), "Gesprek vastleggen", B1()), "Stap B.2");
        Expect(await anouk.ClickAsync(Next(), "Gesprek met ouders vastleggen", Fill.Parents(new() { ["tekst"] = "Ouders, teamleider, coördinator en IB ingelicht." })), "Stap B.3");

        // The held alert is sent again by the survivor once the dead instance's lease ran out; nothing is lost or doubled.
        var alerts = await WaitUntilAllSentAsync(expected: 4);
        await AssertEachAlertShownOnceAsync(alerts);
        var unanswered = Assert.Single(_connector.Sends, s => !s.Shown);
        Assert.Equal(EntryIdOn(send.Activity), EntryIdOn(unanswered.Activity));
        Assert.Contains(_connector.Sends, s => s.Shown && s.ConversationId == send.ConversationId && EntryIdOn(s.Activity) == EntryIdOn(send.Activity));
        AssertEachTurnAnsweredOnce();
        output.WriteLine($"all 4 alerts shown once, {(_clock.Elapsed - killedAt).TotalSeconds:F1} s after the kill (lease {LeaseDuration.TotalSeconds} s)");
    }

    private static async Task WalkToB3Async(StaffChat chat, Func<BotProcess> next)
    {
        Expect(await chat.SayAsync(next(), "melding"), "Over welke leerling gaat het?");
        Expect(await chat.ClickAsync(next(), "Verder", new Dictionary<string, object?> { ["leerlingNaam"] = "Sanne" }), "Wat heb je gezien of gehoord?");
        Expect(await chat.ClickAsync(next(), "Melding vastleggen", Fill.Intake()), "Klopt het vermoeden?");
        Expect(await chat.ClickAsync(next(), "Ja, het vermoeden klopt", new Dictionary<string, object?> { ["notitie"] = "Oriënterend gesprek gevoerd; het vermoeden klopt." }), "Wie gaat welke stappen ondernemen?");
        Expect(await chat.ClickAsync(next(), "Ouders zijn geïnformeerd", Fill.Parents(new() { ["wieWelkeStappen"] = "De mentor praat met Sanne." })), "Kies samen met de leerling een route");
        Expect(await chat.ClickAsync(next(), "Route B", new Dictionary<string, object?> { ["samenMetLeerling"] = "true" }), "Stap B.1");
        Expect(await chat.ClickAsync(next(), "Gesprek vastleggen", B1()), "Stap B.2");
        Expect(await chat.ClickAsync(next(), "Gesprek met ouders vastleggen", Fill.Parents(new() { ["tekst"] = "Ouders, teamleider, coördinator en IB ingelicht." })), "Stap B.3");
    }

    private static Dictionary<string, object?> B1() => Fill.AllTopics(new()
    {
        ["daderNaam"] = "Lars",
        ["gesprekDoor"] = Anouk,
        ["tekst"] = "Gesprek met Lars en Sanne gevoerd.",
        ["afspraken"] = "Lars laat Sanne met rust",
    });

    /// <summary>Some reply of the turn shows <paramref name="fragment"/> (text or card), and no reply came twice.</summary>
    private static void Expect(IReadOnlyList<Activity> replies, string fragment)
    {
        Assert.True(
            replies.Any(r => (r.Text?.Contains(fragment, StringComparison.OrdinalIgnoreCase) ?? false) || (ReceivedCard.From(r)?.ContainsText(fragment) ?? false)),
            $"Expected a reply showing \"{fragment}\", got: {string.Join(" || ", replies.Select(r => r.Text ?? ReceivedCard.From(r)?.Texts.FirstOrDefault() ?? r.Type))}");
        var shown = replies.Select(Shown).ToList();
        Assert.Equal(shown.Count, shown.Distinct(StringComparer.Ordinal).Count());
    }

    private static string Shown(Activity reply) => reply.Text + "|" + string.Join('|', ReceivedCard.From(reply)?.Texts ?? []);

    private void AssertEachTurnAnsweredOnce()
    {
        var replies = _connector.Replies;
        foreach (var chat in _chats.Values)
        {
            foreach (var id in chat.SentIds)
            {
                var answers = replies.Where(r => r.ConversationId == chat.ConversationId && r.ReplyToId == id).Select(r => Shown(r.Activity)).ToList();
                Assert.NotEmpty(answers);
                Assert.Equal(answers.Count, answers.Distinct(StringComparer.Ordinal).Count());
            }
        }

        var sent = _chats.Values.SelectMany(c => c.SentIds).ToHashSet(StringComparer.Ordinal);
        Assert.All(replies, r => Assert.Contains(r.ReplyToId, sent));
    }

    /// <summary>
    /// <see cref="AssertEachAlertShownOnce"/>; when it fails, the failure says what was sent and what the outbox holds
    /// (<see cref="WhatHappenedAsync"/>), so a rare failure explains itself.
    /// </summary>
    private async Task AssertEachAlertShownOnceAsync(IReadOnlyList<StoredAlert> alerts)
    {
        try
        {
            AssertEachAlertShownOnce(alerts);
        }
        catch (Xunit.Sdk.XunitException failure)
        {
            var report = await WhatHappenedAsync();
            output.WriteLine(report);
            throw new Xunit.Sdk.XunitException(failure.Message + "\n" + report);
        }
    }

    /// <summary>Every alert in the outbox was shown once in its recipient's chat (the card names its dossier entry), and nothing else was sent.</summary>
    private void AssertEachAlertShownOnce(IReadOnlyList<StoredAlert> alerts)
    {
        var shown = _connector.Sends.Where(s => s.Shown).Select(s => (s.ConversationId, EntryId: EntryIdOn(s.Activity))).ToList();
        var expected = alerts.Select(a => (_chats[a.RecipientId].ConversationId, EntryId: (string?)a.EntryId)).ToList();
        Assert.Equal(expected.Count, shown.Count);
        Assert.Equal(expected.Order(), shown.Order());
        Assert.All(alerts, a => Assert.Equal(1, a.SentDeliveries));
    }

    /// <summary>
    /// What the connector was asked (every proactive send and update: when, from which process, POST new or PUT update,
    /// to whom, what kind of card) and what the outbox holds (every row with its attempts, outcomes and lease), and what
    /// each process logged. Ids of the test's invented people only.
    /// </summary>
    private async Task<string> WhatHappenedAsync()
    {
        var who = _chats.Values.ToDictionary(c => c.ConversationId, c => c.Name, StringComparer.Ordinal);
        string Who(string? conversationId) => conversationId is not null && who.TryGetValue(conversationId, out var name) ? name : conversationId ?? "-";
        var text = new System.Text.StringBuilder("Connector requests (not replies to turns), in order:\n");
        foreach (var r in _connector.Requests)
        {
            text.AppendLine(System.FormattableString.Invariant(
                $"  {r.At:HH:mm:ss.fff} from {r.From}: {r.Request} to {Who(r.ConversationId)} {r.ActivityId} kind \"{r.Activity?.Summary}\" entry {(r.Activity is null ? null : EntryIdOn(r.Activity))} {(r.Answered ? "answered" : "NOT answered")}"));
        }

        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        var deliveries = new Dictionary<Guid, List<string>>();
        await using (var command = new NpgsqlCommand("SELECT outbox_message_id, attempted_at, channel, outcome, error_code, conversation_id, activity_id FROM notification_deliveries ORDER BY attempted_at", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var id = reader.GetGuid(0);
                (deliveries.TryGetValue(id, out var list) ? list : deliveries[id] = []).Add(System.FormattableString.Invariant(
                    $"{reader.GetFieldValue<DateTimeOffset>(1).ToUniversalTime():HH:mm:ss.fff} {reader.GetString(2)} {reader.GetString(3)} {(reader.IsDBNull(4) ? "" : reader.GetString(4))} {(reader.IsDBNull(5) ? "" : Who(reader.GetString(5)))} {(reader.IsDBNull(6) ? "" : reader.GetString(6))}"));
            }
        }

        text.AppendLine("Outbox rows (kind, recipient, status, attempts, last error, lease owner/until, created, sent) and their deliveries:");
        await using (var command = new NpgsqlCommand("SELECT id, kind, recipient_id, status, attempts, last_error_code, lease_owner, lease_until, created_at, sent_at, next_attempt_at FROM outbox_messages ORDER BY created_at", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var recipient = reader.IsDBNull(2) ? "-" : reader.GetString(2);
                var name = _chats.TryGetValue(recipient, out var chat) ? chat.Name : recipient;
                text.AppendLine(System.FormattableString.Invariant(
                    $"  {reader.GetString(1)} to {name}: {reader.GetString(3)}, {reader.GetInt32(4)} attempt(s), error {(reader.IsDBNull(5) ? "-" : reader.GetString(5))}, lease {(reader.IsDBNull(6) ? "-" : reader.GetString(6))} until {(reader.IsDBNull(7) ? "-" : reader.GetFieldValue<DateTimeOffset>(7).ToUniversalTime().ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture))}, created {reader.GetFieldValue<DateTimeOffset>(8).ToUniversalTime():HH:mm:ss.fff}, sent {(reader.IsDBNull(9) ? "-" : reader.GetFieldValue<DateTimeOffset>(9).ToUniversalTime().ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture))}, due {reader.GetFieldValue<DateTimeOffset>(10).ToUniversalTime():yyyy-MM-dd HH:mm:ss}"));
                foreach (var delivery in deliveries.GetValueOrDefault(reader.GetGuid(0)) ?? [])
                {
                    text.AppendLine("      delivery " + delivery);
                }
            }
        }

        text.AppendLine("Process output:").AppendLine(_a.Output).AppendLine(_b.Output);
        return text.ToString();
    }

    private static string? EntryIdOn(Activity activity) =>
        ReceivedCard.From(activity)?.Actions.Select(a => a["data"]?["entryId"]?.GetValue<string>()).FirstOrDefault(id => id is not null);

    private async Task<IReadOnlyList<StoredAlert>> WaitUntilAllSentAsync(int expected)
    {
        var deadline = _clock.Elapsed + TimeSpan.FromSeconds(60);
        IReadOnlyList<StoredAlert> alerts = [];
        while (_clock.Elapsed < deadline)
        {
            alerts = await AlertsAsync();
            if (alerts.Count >= expected && alerts.All(a => a.Status == "Sent") && _connector.Sends.Count(s => s.Shown) >= alerts.Count)
            {
                // A little longer: a second send of any of them would show up now.
                await Task.Delay(LeaseDuration);
                Assert.Equal(alerts.Count, (await AlertsAsync()).Count);
                return alerts;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Alerts not all sent: {string.Join(", ", alerts.Select(a => $"{a.RecipientId[^3..]}:{a.Status}"))}; shown {_connector.Sends.Count(s => s.Shown)}.\n{_a.OutputTail}\n{_b.OutputTail}");
    }

    private async Task<IReadOnlyList<StoredAlert>> AlertsAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT o.recipient_id, o.payload, o.status, (SELECT count(*) FROM notification_deliveries d WHERE d.outbox_message_id = o.id AND d.outcome = 'sent') FROM outbox_messages o WHERE o.kind = 'case-alert'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var alerts = new List<StoredAlert>();
        while (await reader.ReadAsync())
        {
            using var payload = JsonDocument.Parse(reader.GetString(1));
            alerts.Add(new StoredAlert(reader.GetString(0), payload.RootElement.GetProperty("entryId").GetString()!, reader.GetString(2), reader.GetInt64(3)));
        }

        return alerts;
    }

    private async Task<string> LeaseOwnerOfSendingAlertAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT lease_owner FROM outbox_messages WHERE status = 'Sending' AND recipient_id = @r", connection);
        command.Parameters.AddWithValue("r", Jeroen);
        return (string)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException("No lease on the coordinator's alert."));
    }

    private async Task<Dictionary<Guid, List<string>>> DossiersAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT case_id, step FROM dossier_entries ORDER BY case_id, sequence", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var dossiers = new Dictionary<Guid, List<string>>();
        while (await reader.ReadAsync())
        {
            var caseId = reader.GetGuid(0);
            (dossiers.TryGetValue(caseId, out var steps) ? steps : dossiers[caseId] = []).Add(reader.GetString(1));
        }

        return dossiers;
    }

    private sealed record StoredAlert(string RecipientId, string EntryId, string Status, long SentDeliveries);
}
