using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Features.Records;
using PestProtocol.Bot.Features.Melding;
using PestProtocol.Bot.Features.Records.DataSubject;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Bot.Tests.Overview;
using PestProtocol.Bot.Tests.Persistence;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Routes;
using static PestProtocol.Bot.Tests.Overview.OverviewTestCases;

namespace PestProtocol.Bot.Tests.Records;

public sealed class DataSubjectTests
{
    private const string Lars = "e2e0e000-0000-4000-a000-000000000102";
    private const string CoordinatorKastanje = "e2e0c000-0000-4000-a000-000000000077";
    private const string SanneMarker = "KLEEDKAMER-ZEBRA-5521";
    private const string EmmaMarker = "FIETSENSTALLING-OKAPI-9034";

    [Fact]
    public async Task Inzage_gives_the_coordinator_everything_about_a_student_as_victim_and_as_bully_readable_and_as_json()
    {
        await using var bot = await SubjectBot.StartAsync();
        var (sanneCode, emmaCode) = await AddCasesAsync(bot);
        var (flow, adapter) = bot.ChatAs(BotHarness.Coordinator);
        await flow.Send($"dossier {sanneCode}").AssertCardContains($"Dossier {sanneCode}")
            .Send("inzage Sanne de Boer").AssertCardContains("Inzage: alle gegevens over Sanne de Boer")
            .Send("inzage lars hoekstra").AssertCardContains("Inzage: alle gegevens over Lars Hoekstra")
            .StartTestAsync();
        var cards = SentCards(adapter);
        await AssertValidAsync(cards.Skip(1));

        // Sanne: her own case, whole, with its staff, its access log and the statement about anonymous reports.
        var sanneText = await DownloadAsync(bot, cards[1], DataSubjectCards.TextButton, "text/plain");
        Assert.Contains("Leerling: Sanne de Boer, klas 2b, Locatie De Wilgen", sanneText, StringComparison.Ordinal);
        Assert.Contains($"Melding {sanneCode}", sanneText, StringComparison.Ordinal);
        Assert.Contains(SanneMarker, sanneText, StringComparison.Ordinal);
        Assert.Contains("Oriënterend gesprek gevoerd; het vermoeden klopt.", sanneText, StringComparison.Ordinal);
        Assert.Contains("Anouk de Vries (mentor)", sanneText, StringComparison.Ordinal);
        Assert.Contains("Jeroen Bakker · dossier bekeken", sanneText, StringComparison.Ordinal);
        Assert.Contains(SubjectExport.AnonymousReportsText, sanneText, StringComparison.Ordinal);
        Assert.DoesNotContain(emmaCode, sanneText, StringComparison.Ordinal);

        var sanneJson = JsonNode.Parse(await DownloadAsync(bot, cards[1], DataSubjectCards.JsonButton, "application/json"))!;
        Assert.Equal("Sanne de Boer", (string)sanneJson["leerling"]!["naam"]!);
        var victimCase = Assert.Single(sanneJson["meldingenAlsSlachtoffer"]!.AsArray())!;
        Assert.Equal(sanneCode, (string)victimCase["code"]!);
        Assert.Equal(4, victimCase["dossier"]!.AsArray().Count);
        Assert.Empty(sanneJson["meldingenAlsBetrokkene"]!.AsArray());
        Assert.Equal(SubjectExport.AnonymousReportsText, (string)sanneJson["anoniemeMeldingen"]!);

        // Lars: named as the bully in Emma's case: only the entries naming him, with his role; nothing else of Emma's case.
        var larsText = await DownloadAsync(bot, cards[2], DataSubjectCards.TextButton, "text/plain");
        Assert.Contains($"Melding {emmaCode}", larsText, StringComparison.Ordinal);
        Assert.Contains("Rol van de leerling: dader", larsText, StringComparison.Ordinal);
        Assert.Contains("Gesprek met Emma en Lars Hoekstra gevoerd.", larsText, StringComparison.Ordinal);
        Assert.Contains("Lars Hoekstra (dader)", larsText, StringComparison.Ordinal);
        Assert.DoesNotContain(EmmaMarker, larsText, StringComparison.Ordinal);
        Assert.DoesNotContain(sanneCode, larsText, StringComparison.Ordinal);
        var larsJson = JsonNode.Parse(await DownloadAsync(bot, cards[2], DataSubjectCards.JsonButton, "application/json"))!;
        var bullyCase = Assert.Single(larsJson["meldingenAlsBetrokkene"]!.AsArray())!;
        Assert.Equal(emmaCode, (string)bullyCase["code"]!);
        Assert.Equal(["dader"], bullyCase["rolVanDeLeerling"]!.AsArray().Select(n => (string)n!));
        Assert.Single(bullyCase["dossier"]!.AsArray());
        Assert.Empty(larsJson["meldingenAlsSlachtoffer"]!.AsArray());

        // Logged: each request and each download, with the student's directory id and no name.
        await using var scope = bot.Services.CreateAsyncScope();
        var log = await scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>().DossierAccessLog.Where(r => r.SubjectRef != null).ToListAsync();
        Assert.Equal(6, log.Count);
        Assert.All(log, r => Assert.Equal((BotHarness.Coordinator, DossierAccessKind.SubjectExported, BotHarness.Location), (r.StaffId, r.Kind, r.LocationId)));
        Assert.Equal(3, log.Count(r => r.SubjectRef == Lars));
        Assert.Equal("alle gegevens over de leerling opgevraagd", (string)larsJson["eerdereVerzoeken"]![0]!["wat"]!);
    }

    [Fact]
    public async Task Only_a_coordinator_of_the_students_location_gets_an_inzage_and_a_group_chat_sees_nothing()
    {
        await using var bot = await SubjectBot.StartAsync();
        await AddCasesAsync(bot);
        foreach (var (who, refusal) in new[]
        {
            (BotHarness.Mentor, DataSubjectCards.OnlyCoordinatorText),
            (BotHarness.Docent, DataSubjectCards.OnlyCoordinatorText),
            (CoordinatorKastanje, DataSubjectCards.NoStudentText),
        })
        {
            var (flow, adapter) = bot.ChatAs(who);
            await flow.Send("inzage Sanne de Boer").AssertReply(refusal)
                .Send("wissen Sanne de Boer").AssertReply(refusal)
                .StartTestAsync();
            Assert.Empty(SentCards(adapter));
        }

        var (student, studentAdapter) = bot.ChatAs(BotHarness.Student);
        await student.Send("inzage Sanne de Boer").StartTestAsync();
        Assert.DoesNotContain(studentAdapter.SentActivities, a => (a.Text ?? string.Empty).Contains("Sanne", StringComparison.Ordinal) || ReceivedCard.From(a)?.ContainsText("Sanne") == true);

        var (coordinator, coordinatorAdapter) = bot.ChatAs(BotHarness.Coordinator);
        await coordinator.Send("inzage").AssertReply(DataSubjectCards.Usage("inzage"))
            .Send("inzage Pietje Puk").AssertReply(DataSubjectCards.NoStudentText)
            .Send("wissen " + new string('x', 70)).AssertReply(DataSubjectCards.NoStudentText)
            .StartTestAsync();
        Assert.Empty(SentCards(coordinatorAdapter));

        // In a group chat the request goes on in the coordinator's own chat: the group sees no name and no card.
        var group = new TestAdapter(bot.Clock);
        group.Conversation.User = new ChannelAccount { Id = "29:" + BotHarness.Coordinator, Name = "Jeroen", AadObjectId = BotHarness.Coordinator };
        group.Conversation.Conversation = new ConversationAccount { Id = "19:groep", ConversationType = "groupChat", IsGroup = true, TenantId = "test-tenant" };
        group.WithProductionMiddleware(bot.Services);
        await new TestFlow(group, bot.Services.GetRequiredService<PestProtocol.BotFramework.Builder.IBot>()).Send("inzage Sanne de Boer").StartTestAsync();
        var inGroup = group.SentActivities.Where(a => a.Conversation?.Id == "19:groep").ToList();
        Assert.NotEmpty(inGroup);
        Assert.DoesNotContain(inGroup, a => ReceivedCard.From(a) is not null);
        Assert.DoesNotContain(inGroup, a => (a.Text ?? string.Empty).Contains("Sanne", StringComparison.Ordinal));

        await using var scope = bot.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
        Assert.Equal(2, await db.Cases.CountAsync());
        Assert.DoesNotContain(await db.DossierAccessLog.ToListAsync(), r => r.StaffId != BotHarness.Coordinator);
    }

    [Fact]
    public async Task Sqlite_erasure_needs_a_reason_and_the_name_and_then_leaves_no_byte_in_the_file_or_its_wal()
    {
        await using var bot = await SubjectBot.StartAsync();
        var (sanneCode, emmaCode) = await AddCasesAsync(bot);
        var file = bot.DatabaseFile;
        Assert.True(Contains(file, SanneMarker) || Contains(file + "-wal", SanneMarker), "the scan finds what is stored");
        Assert.True(Contains(file, "Lars Hoekstra") || Contains(file + "-wal", "Lars Hoekstra"), "the scan finds the bully's name in Emma's dossier");

        var (flow, adapter) = bot.ChatAs(BotHarness.Coordinator);
        await flow.Send("wissen Lars Hoekstra").AssertCardContains("Alle gegevens over Lars Hoekstra wissen?")
            .ClickButton(DataSubjectCards.EraseButton, new Dictionary<string, string> { [DataSubjectCards.ReasonInputId] = "Verzoek van de ouders per e-mail, akkoord FG.", [DataSubjectCards.ConfirmInputId] = "Lars" })
            .AssertReply(a => Assert.Equal(DataSubjectCards.ConfirmMismatchText, a.Text))
            .StartTestAsync();
        var again = SentCards(adapter)[^1];
        Assert.Equal("Verzoek van de ouders per e-mail, akkoord FG.", (string?)again.FindElement(DataSubjectCards.ReasonInputId)!["value"]);
        Assert.True(Contains(file, "Lars Hoekstra") || Contains(file + "-wal", "Lars Hoekstra"), "a wrong name erased nothing");

        await bot.Flow(adapter).ClickButton(DataSubjectCards.EraseButton, new Dictionary<string, string> { [DataSubjectCards.ReasonInputId] = "", [DataSubjectCards.ConfirmInputId] = "Lars Hoekstra" })
            .AssertReply("Vul 'Reden' in.")
            .AssertCardContains("Alle gegevens over Lars Hoekstra wissen?")
            .StartTestAsync();
        Assert.True(Contains(file, "Lars Hoekstra") || Contains(file + "-wal", "Lars Hoekstra"), "no reason, nothing erased");

        await bot.Flow(adapter).ClickButton(DataSubjectCards.EraseButton, new Dictionary<string, string> { [DataSubjectCards.ReasonInputId] = "Verzoek van de ouders per e-mail, akkoord FG.", [DataSubjectCards.ConfirmInputId] = "  lars   hoekstra " })
            .AssertReplyContains("Gewist. 0 meldingen als slachtoffer zijn verwijderd, 1 dossierregel(s) in andere meldingen zijn zonder naam gemaakt")
            .Send("wissen Sanne de Boer").AssertCardContains("Alle gegevens over Sanne de Boer wissen?")
            .ClickButton(DataSubjectCards.EraseButton, new Dictionary<string, string> { [DataSubjectCards.ReasonInputId] = "Verwijderverzoek ouders 3 december.", [DataSubjectCards.ConfirmInputId] = "Sanne de Boer" })
            .AssertReplyContains("Gewist. 1 melding als slachtoffer zijn verwijderd")
            .StartTestAsync();

        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
            var store = scope.ServiceProvider.GetRequiredService<ICaseStore>();
            Assert.Empty(await store.FindIdsByCodeAsync(sanneCode, [BotHarness.Location], CancellationToken.None));
            var emma = await store.FindAsync(Assert.Single(await store.FindIdsByCodeAsync(emmaCode, [BotHarness.Location], CancellationToken.None)), CancellationToken.None);
            var mediation = emma!.Dossier.Single(e => e.Step == ProtocolStep.B1MediationConversation);
            Assert.Equal("Gesprek met Emma en [naam gewist] gevoerd.", mediation.Text);
            Assert.Contains(mediation.Participants, p => p is { Reference: DataSubjectRequests.ErasedReference, Role: ParticipantRole.Bully });
            Assert.DoesNotContain(await db.DossierEntries.Select(e => e.Participants).ToListAsync(), p => p.Contains(Lars, StringComparison.Ordinal));

            var erasures = await db.DossierAccessLog.Where(r => r.Kind == DossierAccessKind.SubjectErased).OrderBy(r => r.At).ToListAsync();
            Assert.Equal([Lars, BotHarness.Sanne], erasures.Select(r => r.SubjectRef));
            Assert.All(erasures, r => Assert.Equal(BotHarness.Coordinator, r.StaffId));
            Assert.Equal("Verwijderverzoek ouders 3 december.", erasures[1].Reason);
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE dossier_access_log SET reason = 'anders'"));
        }

        await bot.DisposeServicesAsync();
        Assert.False(Contains(file, SanneMarker), "no byte of Sanne's case in the file");
        Assert.False(Contains(file + "-wal", SanneMarker), "nor in its write-ahead log");
        Assert.False(Contains(file, "Lars Hoekstra") || Contains(file + "-wal", "Lars Hoekstra"), "Lars's name is gone from Emma's dossier, file and WAL");
        Assert.False(Contains(file, "Sanne de Boer") || Contains(file + "-wal", "Sanne de Boer"), "no name in the file");
        Assert.True(Contains(file, EmmaMarker) || Contains(file + "-wal", EmmaMarker), "Emma's case is still there");
    }

    [Fact]
    public async Task A_student_who_has_left_the_school_is_found_by_a_case_code_and_can_be_exported_and_erased_with_the_code_as_confirmation()
    {
        await using var bot = await SubjectBot.StartAsync();
        const string FormerStudent = "e2e0e000-0000-4000-a000-00000000f0f0";   // in a case, no longer in the directory
        const string Marker = "OUD-LEERLING-MARKER-7781";
        var c = Case.Open(new NewSuspicion(FormerStudent, "3c", BotHarness.Location, MentorRef, ["school.blauwe-plekken"], false, $"Werd uitgescholden bij de kluisjes ({Marker})."), Opened);
        var code = await bot.AddCaseAsync(c, MentorAndCoordinator);
        var file = bot.DatabaseFile;
        var name = DataSubjectRequests.FormerStudentName(code);

        var (other, otherAdapter) = bot.ChatAs(CoordinatorKastanje);
        await other.Send($"inzage {code}").AssertReply(DataSubjectCards.NoStudentText)
            .Send($"wissen {code}").AssertReply(DataSubjectCards.NoStudentText)
            .StartTestAsync();
        Assert.Empty(SentCards(otherAdapter));

        var (flow, adapter) = bot.ChatAs(BotHarness.Coordinator);
        await flow.Send("inzage Pietje Puk").AssertReply(a => Assert.Contains($"Typ dan de code van een melding over de leerling", a.Text, StringComparison.Ordinal))
            .Send($"inzage {code}").AssertCardContains($"Inzage: alle gegevens over {name}")
            .StartTestAsync();
        Assert.Contains(Marker, await DownloadAsync(bot, SentCards(adapter)[^1], DataSubjectCards.TextButton, "text/plain"), StringComparison.Ordinal);
        await bot.Flow(adapter).Send($"wissen {code}").AssertCardContains($"Alle gegevens over {name} wissen?")
            .ClickButton(DataSubjectCards.EraseButton, new Dictionary<string, string> { [DataSubjectCards.ReasonInputId] = "Verzoek van de ouders; de leerling is van school af.", [DataSubjectCards.ConfirmInputId] = "de leerling" })
            .AssertReply(a => Assert.Equal(DataSubjectCards.ConfirmCodeMismatchText, a.Text))
            .StartTestAsync();
        Assert.Equal($"Typ de code van de melding ({code}) om te bevestigen", (string?)SentCards(adapter)[^1].FindElement(DataSubjectCards.ConfirmInputId)!["label"]);
        Assert.True(Contains(file, Marker) || Contains(file + "-wal", Marker), "a wrong confirmation erased nothing");

        await bot.Flow(adapter).ClickButton(DataSubjectCards.EraseButton, new Dictionary<string, string> { [DataSubjectCards.ReasonInputId] = "Verzoek van de ouders; de leerling is van school af.", [DataSubjectCards.ConfirmInputId] = code })
            .AssertReplyContains("Gewist. 1 melding als slachtoffer zijn verwijderd")
            .StartTestAsync();

        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<ICaseStore>();
            Assert.Empty(await store.FindIdsByCodeAsync(code, [BotHarness.Location], CancellationToken.None));
            var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
            var logged = await db.DossierAccessLog.Where(r => r.SubjectRef == FormerStudent).Select(r => r.Kind).ToListAsync();
            Assert.Equal([DossierAccessKind.SubjectExported, DossierAccessKind.SubjectExported, DossierAccessKind.SubjectErased], logged);   // the request, the download, the erasure
        }

        await bot.DisposeServicesAsync();
        Assert.False(Contains(file, Marker) || Contains(file + "-wal", Marker), "no byte of the former student's case in the file or its WAL");
    }

    [Fact]
    public async Task A_bully_typed_by_name_who_was_never_in_the_directory_is_found_exported_and_erased_from_every_case_that_names_him()
    {
        await using var bot = await SubjectBot.StartAsync();
        var emma = Case.Open(new NewSuspicion(BotHarness.Emma, "1a", BotHarness.Location, MentorRef, ["school.blauwe-plekken"], false, $"Fiets steeds lek ({EmmaMarker})."), Opened);
        emma.ConfirmSuspicion(MentorRef, Opened.AddHours(2), "Het vermoeden klopt.");
        emma.InformParents(MentorRef, Opened.AddDays(1), new Domain.Dossier.ParentsInformation(BotHarness.Mentor, Opened.AddDays(1), Domain.Dossier.ParentContactMethod.Phone, "De mentor voert de gesprekken."));
        emma.ChooseRoute(Route.B, chosenWithStudent: true, MentorRef, Opened.AddDays(2));
        emma.B1MediationConversation(MentorRef, Opened.AddDays(3), new MediationConversation(
            [new CaseParticipant(BotHarness.Emma, ParticipantRole.Victim), new CaseParticipant(CaseParticipants.TypedStudentPrefix + Guid.NewGuid().ToString("N"), ParticipantRole.Bully, "Kevin Smit")],
            [.. Domain.Appendices.Bijlage6Bemiddelingsgesprek.Topics.Select(t => t.Id)],
            "Gesprek met Emma en Kevin Smit gevoerd.",
            ["Kevin Smit blijft van de fiets af."]));
        var sanne = ParentsInformed(BotHarness.Sanne, "2b");
        sanne.ChooseRoute(Route.B, chosenWithStudent: true, MentorRef, Opened.AddDays(2));
        sanne.B1MediationConversation(MentorRef, Opened.AddDays(3), new MediationConversation(
            [new CaseParticipant(BotHarness.Sanne, ParticipantRole.Victim), new CaseParticipant(CaseParticipants.TypedStudentPrefix + Guid.NewGuid().ToString("N"), ParticipantRole.Bully, "kevin  smit")],
            [.. Domain.Appendices.Bijlage6Bemiddelingsgesprek.Topics.Select(t => t.Id)],
            "Gesprek met Sanne en de jongen van de bushalte gevoerd.",
            ["Niet meer naast haar zitten in de bus."]));
        var emmaCode = await bot.AddCaseAsync(emma, MentorAndCoordinator);
        var sanneCode = await bot.AddCaseAsync(sanne, MentorAndCoordinator);
        var file = bot.DatabaseFile;

        var (other, _) = bot.ChatAs(CoordinatorKastanje);
        await other.Send("inzage Kevin Smit").AssertReply(DataSubjectCards.NoStudentText).StartTestAsync();

        var (flow, adapter) = bot.ChatAs(BotHarness.Coordinator);
        await flow.Send("inzage kevin smit").AssertCardContains("Inzage: alle gegevens over Kevin Smit").StartTestAsync();
        var export = await DownloadAsync(bot, SentCards(adapter)[^1], DataSubjectCards.JsonButton, "application/json");
        Assert.Contains(emmaCode, export, StringComparison.Ordinal);
        Assert.Contains(sanneCode, export, StringComparison.Ordinal);

        await bot.Flow(adapter).Send("wissen Kevin Smit").AssertCardContains("Alle gegevens over Kevin Smit wissen?")
            .ClickButton(DataSubjectCards.EraseButton, new Dictionary<string, string> { [DataSubjectCards.ReasonInputId] = "Verzoek van de ouders (hij stond nooit in de schoolgegevens).", [DataSubjectCards.ConfirmInputId] = "kevin smit" })
            .AssertReplyContains("Gewist. 0 meldingen als slachtoffer zijn verwijderd, 2 dossierregel(s) in andere meldingen zijn zonder naam gemaakt")
            .StartTestAsync();

        await bot.DisposeServicesAsync();
        foreach (var trace in new[] { "Kevin", "kevin", "Smit", "smit" })
        {
            Assert.False(Contains(file, trace) || Contains(file + "-wal", trace), $"'{trace}' is gone from the file and its WAL");
        }

        Assert.True(Contains(file, EmmaMarker) || Contains(file + "-wal", EmmaMarker), "Emma's case is still there");
    }

    [Fact]
    public async Task Erasing_the_bully_also_takes_his_first_name_and_surname_out_of_the_free_text_of_his_cases()
    {
        await using var bot = await SubjectBot.StartAsync();
        var emma = EmmaWithLarsAsBully();
        emma.AddNote(MentorRef, Opened.AddDays(4), "Lars stond weer bij de fietsenstalling; Hoekstra ontkent. Emma is bang.");
        var emmaCode = await bot.AddCaseAsync(emma, MentorAndCoordinator);
        var (flow, _) = bot.ChatAs(BotHarness.Coordinator);

        await flow.Send("inzage Lars Hoekstra").AssertCardContains("Inzage: alle gegevens over Lars Hoekstra")
            .Send("wissen Lars Hoekstra").AssertCardContains("Alle gegevens over Lars Hoekstra wissen?")
            .ClickButton(DataSubjectCards.EraseButton, new Dictionary<string, string> { [DataSubjectCards.ReasonInputId] = "Verzoek van de ouders.", [DataSubjectCards.ConfirmInputId] = "Lars Hoekstra" })
            .AssertReplyContains("2 dossierregel(s) in andere meldingen zijn zonder naam gemaakt")
            .StartTestAsync();

        await using var scope = bot.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ICaseStore>();
        var c = (await store.FindAsync(Assert.Single(await store.FindIdsByCodeAsync(emmaCode, [BotHarness.Location], CancellationToken.None)), CancellationToken.None))!;
        Assert.Equal("[naam gewist] stond weer bij de fietsenstalling; [naam gewist] ontkent. Emma is bang.", c.Dossier[^1].Text);
        Assert.DoesNotContain(c.Dossier, e => e.Text.Contains("Lars", StringComparison.Ordinal) || e.Text.Contains("Hoekstra", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Inzage_of_a_bully_finds_the_case_where_route_D_named_him_with_his_own_follow_up()
    {
        await using var bot = await SubjectBot.StartAsync();
        var c = EmmaWithLarsAsBully();
        var at = Opened.AddDays(4);
        c.B2Report(MentorRef, at, new Domain.Dossier.ParentsInformation(BotHarness.Mentor, at, Domain.Dossier.ParentContactMethod.Phone), "Gemeld.");
        c.B3RecordEvent(MentorRef, at, "Fiets lek gestoken.", ["Niet meer aan de fiets komen."], [new(BotHarness.Emma, ParticipantRole.Victim), new(Lars, ParticipantRole.Bully)]);
        c.B4FollowUpMeeting(MentorRef, at, false, true, null, "Het gaat door.");
        c.ChooseRoute(Route.D, false, MentorRef, at);
        c.D1InvolveTeamleider(MentorRef, at, "Teamleider ingeschakeld.");
        c.D2ConfrontingConversation(MentorRef, at, new ConfrontingConversation([new(Lars, ParticipantRole.Bully), new(Lars, ParticipantRole.BullyParents)], "Gesprek met hem en zijn ouders."));
        c.D3InformVictimParents(MentorRef, at, new Domain.Dossier.ParentsInformation(BotHarness.Mentor, at, Domain.Dossier.ParentContactMethod.Phone));
        c.D4DossierNote(MentorRef, at, "Notitie.");
        c.D5FollowUp(MentorRef, at, at.AddDays(14));
        c.RecordBullyFollowUp(MentorRef, at.AddDays(14), Lars, "Hij houdt zich aan de afspraken.");
        var emmaCode = await bot.AddCaseAsync(c, MentorAndCoordinator);
        var (flow, adapter) = bot.ChatAs(BotHarness.Coordinator);

        await flow.Send("inzage Lars Hoekstra").AssertCardContains("Inzage: alle gegevens over Lars Hoekstra").StartTestAsync();

        var json = JsonNode.Parse(await DownloadAsync(bot, SentCards(adapter)[^1], DataSubjectCards.JsonButton, "application/json"))!;
        var asBully = Assert.Single(json["meldingenAlsBetrokkene"]!.AsArray())!;
        Assert.Equal(emmaCode, (string)asBully["code"]!);
        Assert.Contains("dader", asBully["rolVanDeLeerling"]!.AsArray().Select(n => (string)n!));
        var texts = asBully["dossier"]!.AsArray().Select(e => e!.ToJsonString()).ToList();
        Assert.Contains(texts, t => t.Contains("Gesprek met hem en zijn ouders.", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("Hij houdt zich aan de afspraken.", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("Teamleider ingeschakeld.", StringComparison.Ordinal)); // not about him
    }

    [Theory]
    [InlineData("Lars de Jong", new[] { "Sanne de Boer" }, new[] { "Lars de Jong", "de Jong", "Lars" })]
    [InlineData("Lars de Jong", new[] { "Lars Bakker" }, new[] { "Lars de Jong", "de Jong" })]
    [InlineData("Lars de Jong", new[] { "Mila de Jong" }, new[] { "Lars de Jong", "Lars" })]
    [InlineData("Lars", new string[0], new[] { "Lars" })]
    public void A_short_name_form_is_only_replaced_when_no_one_else_in_the_case_has_it(string name, string[] others, string[] expected) =>
        Assert.Equal(expected, NameForms.Of(name, others));

    [Fact]
    public void A_short_form_replaces_whole_capitalised_words_only() =>
        Assert.Equal("X is jong; X zegt sorry; Larsen niet.", NameForms.Replace("de Jong is jong; Lars zegt sorry; Larsen niet.", ["Lars de Jong", "de Jong", "Lars"], "X"));

    [Fact]
    public async Task Postgres_erasure_leaves_no_byte_in_the_table_files_and_is_logged()
    {
        var database = new PostgresTestDatabase();
        await database.InitializeAsync();
        try
        {
            await using var services = database.CreateServices(database.ConnectionString);
            var sanne = ParentsInformed(BotHarness.Sanne, "2b");
            sanne = WithMarker(sanne);
            var emma = EmmaWithLarsAsBully();
            await using (var scope = services.CreateAsyncScope())
            {
                var store = scope.ServiceProvider.GetRequiredService<ICaseStore>();
                await store.AddAsync(sanne, MentorAndCoordinator, [], CancellationToken.None);
                await store.AddAsync(emma, MentorAndCoordinator, [], CancellationToken.None);
            }

            Assert.True(await PostgresFilesContainAsync(database, SanneMarker), "the scan finds what is stored");
            Assert.True(await PostgresFilesContainAsync(database, "Lars Hoekstra"), "the scan finds the bully's name");
            var directory = new Directory();
            await using (var db = database.CreateContext())
            {
                var requests = new DataSubjectRequests(db, directory, new DossierAccessLog(db), new TestClock(BotHarness.Now));
                Assert.Null(await requests.EraseAsync(directory.Coordinator, directory.Sanne, "  ", CancellationToken.None));
                Assert.Null(await requests.EraseAsync(directory.OtherCoordinator, directory.Sanne, "Verzoek ouders.", CancellationToken.None));
                Assert.Equal(new ErasureReport(1, 0, 0), await requests.EraseAsync(directory.Coordinator, directory.Sanne, "Verzoek ouders.", CancellationToken.None));
                Assert.Equal(new ErasureReport(0, 1, 0), await requests.EraseAsync(directory.Coordinator, directory.Lars, "Verzoek ouders.", CancellationToken.None));
            }

            // On the shared test server another session's snapshot can keep a dead row for a moment (VACUUM FULL keeps what
            // an open transaction may still see); the erasure's VACUUM FULL is repeated as the next purge would, at most a few times.
            for (var i = 0; i < 5 && (await PostgresFilesContainAsync(database, SanneMarker) || await PostgresFilesContainAsync(database, "Lars Hoekstra")); i++)
            {
                await using var again = database.CreateContext();
                await Features.Records.Retention.NoTrace.FinishAsync(again, CancellationToken.None);
            }

            Assert.False(await PostgresFilesContainAsync(database, SanneMarker), "no byte of Sanne's case");
            Assert.False(await PostgresFilesContainAsync(database, "Lars Hoekstra"), "no byte of Lars's name");
            Assert.True(await PostgresFilesContainAsync(database, EmmaMarker), "Emma's case is still there");
            await using (var db = database.CreateContext())
            {
                Assert.Equal(2, await db.DossierAccessLog.CountAsync(r => r.Kind == DossierAccessKind.SubjectErased && r.Reason == "Verzoek ouders."));
            }
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    /// <summary>Sanne's case (victim, with a marker in what was reported) and Emma's case in which Lars is the named bully.</summary>
    private static async Task<(string Sanne, string Emma)> AddCasesAsync(SubjectBot bot) =>
        (await bot.AddCaseAsync(WithMarker(ParentsInformed(BotHarness.Sanne, "2b")), MentorAndCoordinator),
         await bot.AddCaseAsync(EmmaWithLarsAsBully(), MentorAndCoordinator));

    private static Case WithMarker(Case c)
    {
        c.AddNote(MentorRef, Opened.AddDays(1).AddHours(1), $"Ze was weer alleen in de kleedkamer ({SanneMarker}).");
        return c;
    }

    private static Case EmmaWithLarsAsBully()
    {
        var c = Case.Open(new NewSuspicion(BotHarness.Emma, "1a", BotHarness.Location, MentorRef, ["school.blauwe-plekken"], false, $"Fiets steeds lek ({EmmaMarker})."), Opened);
        c.ConfirmSuspicion(MentorRef, Opened.AddHours(2), "Het vermoeden klopt.");
        c.InformParents(MentorRef, Opened.AddDays(1), new Domain.Dossier.ParentsInformation(BotHarness.Mentor, Opened.AddDays(1), Domain.Dossier.ParentContactMethod.Phone, "De mentor voert de gesprekken."));
        c.ChooseRoute(Route.B, chosenWithStudent: true, MentorRef, Opened.AddDays(2));
        c.B1MediationConversation(MentorRef, Opened.AddDays(3), new MediationConversation(
            [new CaseParticipant(BotHarness.Emma, ParticipantRole.Victim), new CaseParticipant(Lars, ParticipantRole.Bully)],
            [.. Domain.Appendices.Bijlage6Bemiddelingsgesprek.Topics.Select(t => t.Id)],
            "Gesprek met Emma en Lars Hoekstra gevoerd.",
            ["Niet meer aan de fiets komen."]));
        return c;
    }

    private static async Task<string> DownloadAsync(SubjectBot bot, ReceivedCard card, string button, string contentType)
    {
        var url = (string)card.FindAction(button)!["url"]!;
        Assert.StartsWith("http://127.0.0.1:3978/inzage/", url, StringComparison.Ordinal);
        Assert.DoesNotContain("e2e0", url, StringComparison.Ordinal);
        await using var scope = bot.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Response.Body = new MemoryStream();
        var result = await SubjectExportEndpoint.GetAsync(
            url[(url.LastIndexOf('/') + 1)..], http, scope.ServiceProvider.GetRequiredService<SubjectExportLinks>(), scope.ServiceProvider.GetRequiredService<DataSubjectRequests>(),
            scope.ServiceProvider.GetRequiredService<IDirectory>(), bot.Clock, CancellationToken.None);
        await result.ExecuteAsync(http);
        Assert.Equal(StatusCodes.Status200OK, http.Response.StatusCode);
        Assert.StartsWith(contentType, http.Response.ContentType, StringComparison.Ordinal);
        Assert.DoesNotContain("Sanne", http.Response.Headers.ContentDisposition.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Lars", http.Response.Headers.ContentDisposition.ToString(), StringComparison.Ordinal);
        return Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray());
    }

    private static bool Contains(string file, string marker)
    {
        if (!File.Exists(file))
        {
            return false;
        }

        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray().AsSpan().IndexOf(Encoding.UTF8.GetBytes(marker)) >= 0;
    }

    private static async Task<bool> PostgresFilesContainAsync(TestDatabase database, string marker)
    {
        await using var db = database.CreateContext();
        await db.Database.ExecuteSqlRawAsync("CHECKPOINT;");
        var needle = Encoding.UTF8.GetBytes(marker);
        foreach (var table in (string[])["cases", "dossier_entries", "outbox_messages"])
        {
            var bytes = await db.Database.SqlQuery<byte[]>($"SELECT pg_read_binary_file(pg_relation_filepath({table}::regclass)) AS \"Value\"").SingleAsync();
            if (bytes.AsSpan().IndexOf(needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The people of the PostgreSQL test: the coordinators of two locations and two students of De Wilgen.</summary>
    private sealed class Directory : IDirectory
    {
        public DirectoryPerson Coordinator { get; } = new(BotHarness.Coordinator, "Jeroen Bakker", PersonKind.Staff, BotHarness.Location, null, [new LocationRole(BotHarness.Location, StaffRole.AntiPestCoordinator)]);

        public DirectoryPerson OtherCoordinator { get; } = new(CoordinatorKastanje, "Petra Kuipers", PersonKind.Staff, "dekastanje", null, [new LocationRole("dekastanje", StaffRole.AntiPestCoordinator)]);

        public DirectoryPerson Sanne { get; } = new(BotHarness.Sanne, "Sanne de Boer", PersonKind.Student, BotHarness.Location, "2b", []);

        public DirectoryPerson Lars { get; } = new(DataSubjectTests.Lars, "Lars Hoekstra", PersonKind.Student, BotHarness.Location, "2b", []);

        private IEnumerable<DirectoryPerson> All => [Coordinator, OtherCoordinator, Sanne, Lars];

        public Task<DirectoryPerson?> FindPersonAsync(string aadObjectId, CancellationToken cancellationToken) =>
            Task.FromResult(All.FirstOrDefault(p => p.Id == aadObjectId));

        public Task<IReadOnlyList<DirectoryPerson>> SearchStudentsAsync(string query, int top, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<DirectoryPerson>>([.. All.Where(p => p.Kind == PersonKind.Student && p.DisplayName.Contains(query, StringComparison.OrdinalIgnoreCase)).Take(top)]);

        public Task<IReadOnlyList<DirectoryPerson>> GetRoleHoldersAsync(string locationId, StaffRole role, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<DirectoryPerson>>([.. All.Where(p => p.HasRole(role, locationId))]);

        public Task<DirectoryPerson?> GetMentorAsync(string studentId, CancellationToken cancellationToken) => Task.FromResult<DirectoryPerson?>(null);

        public Task<IReadOnlyList<SchoolLocation>> GetLocationsAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<SchoolLocation>>([new SchoolLocation(BotHarness.Location, "Locatie De Wilgen"), new SchoolLocation("dekastanje", "Locatie De Kastanje")]);
    }

    /// <summary>The real bot on a SQLite file (kept in view for the byte scan), with a coordinator of a second location.</summary>
    private sealed class SubjectBot : IAsyncDisposable
    {
        private readonly string _folder;
        private bool _disposed;

        private SubjectBot(string folder, ServiceProvider services, TestClock clock)
        {
            _folder = folder;
            Services = services;
            Clock = clock;
        }

        public ServiceProvider Services { get; }

        public TestClock Clock { get; }

        public string DatabaseFile => Path.Combine(_folder, "pestprotocol.db");

        public static async Task<SubjectBot> StartAsync()
        {
            var folder = Path.Combine(Path.GetTempPath(), "pestprotocol-subject-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(folder);
            var clock = new TestClock(BotHarness.Now);
            var settings = new Dictionary<string, string?>
            {
                ["Directory:Locations:1:Id"] = "dekastanje",
                ["Directory:Locations:1:Name"] = "Locatie De Kastanje",
                ["Directory:People:11:Id"] = CoordinatorKastanje,
                ["Directory:People:11:Name"] = "Petra Kuipers",
                ["Directory:People:11:Kind"] = "Staff",
                ["Directory:People:11:Location"] = "dekastanje",
                ["Directory:People:11:Roles:0:Location"] = "dekastanje",
                ["Directory:People:11:Roles:0:Role"] = "AntiPestCoordinator",
            };
            var provider = await DevelopmentBot.StartAsync(Path.Combine(folder, "pestprotocol.db"), settings, before: s => s.AddSingleton<TimeProvider>(clock), validateScopes: true);
            return new SubjectBot(folder, provider, clock);
        }

        public (TestFlow Flow, TestAdapter Adapter) ChatAs(string aadObjectId)
        {
            var adapter = new TestAdapter(Clock);
            adapter.Conversation.User = new ChannelAccount { Id = "29:" + aadObjectId, Name = "Gebruiker", AadObjectId = aadObjectId };
            adapter.Conversation.Conversation = new ConversationAccount { Id = "a:" + aadObjectId, ConversationType = "personal", TenantId = "test-tenant" };
            adapter.WithProductionMiddleware(Services);
            return (new TestFlow(adapter, Services.GetRequiredService<PestProtocol.BotFramework.Builder.IBot>()), adapter);
        }

        /// <summary>A new flow on an existing chat (a flow replays all its steps each time it is started).</summary>
        public TestFlow Flow(TestAdapter adapter) => new(adapter, Services.GetRequiredService<PestProtocol.BotFramework.Builder.IBot>());

        public async Task<string> AddCaseAsync(Case newCase, params CaseMember[] members)
        {
            await using var scope = Services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<ICaseStore>();
            await store.AddAsync(newCase, members, [], CancellationToken.None);
            return (await store.GetSummaryAsync(newCase.Id, CancellationToken.None))!.CaseCode;
        }

        /// <summary>Stops the bot (connections closed) but keeps the files for a scan.</summary>
        public async Task DisposeServicesAsync()
        {
            if (!_disposed)
            {
                _disposed = true;
                await Services.DisposeAsync();
                SqliteConnection.ClearAllPools();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await DisposeServicesAsync();
            try
            {
                System.IO.Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A handle may still be closing; the temp folder is cleaned by the OS later.
            }
        }
    }
}
