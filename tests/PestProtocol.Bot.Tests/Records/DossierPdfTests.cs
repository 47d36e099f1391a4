using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Features.Records;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Tests.Overview;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Routes;
using UglyToad.PdfPig;
using static PestProtocol.Bot.Tests.Overview.OverviewTestCases;

namespace PestProtocol.Bot.Tests.Records;

public sealed class DossierPdfTests
{
    [Fact]
    public async Task Mentor_gets_a_link_whose_pdf_holds_the_whole_dossier_and_who_printed_it()
    {
        await using var bot = await BotHarness.StartAsync();
        var c = ParentsInformed(BotHarness.Sanne, "2b");
        var at = Opened.AddDays(2);
        c.ChooseRoute(Route.B, chosenWithStudent: true, MentorRef, at);
        c.B1MediationConversation(MentorRef, at.AddDays(1), new MediationConversation(
            [new CaseParticipant(BotHarness.Sanne, ParticipantRole.Victim), new CaseParticipant("e2e0e000-0000-4000-a000-000000000102", ParticipantRole.Bully)],
            [.. Domain.Appendices.Bijlage6Bemiddelingsgesprek.Topics.Select(t => t.Id)],
            "Gesprek met beide leerlingen gevoerd.",
            ["Lars laat Sanne met rust in de pauze."]));
        var code = await bot.AddCaseAsync(c, MentorAndCoordinator);
        var (flow, adapter) = bot.ChatAs(BotHarness.Mentor);
        await flow.Send($"dossier {code} pdf").AssertCardContains($"PDF van dossier {code}").StartTestAsync();

        var card = Assert.Single(SentCards(adapter));
        var url = (string)card.FindAction(PdfLinkCard.OpenButton)!["url"]!;
        Assert.StartsWith("http://127.0.0.1:3978/dossier-pdf/", url, StringComparison.Ordinal);
        Assert.DoesNotContain(c.Id.ToString(), url, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(BotHarness.Mentor, url, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(code, url, StringComparison.Ordinal);

        var (status, body, headers) = await GetAsync(bot, url);
        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Equal("application/pdf", headers.ContentType);
        Assert.Contains($"dossier-{code}.pdf", headers.ContentDisposition.ToString(), StringComparison.Ordinal);
        Assert.Equal("no-store", headers.CacheControl.ToString());

        var text = PdfText(body);
        Assert.Contains($"Dossier pestprotocol – melding {code}", text, StringComparison.Ordinal);
        Assert.Contains("Vertrouwelijk", text, StringComparison.Ordinal);
        Assert.Contains("Leerling: Sanne de Boer", text, StringComparison.Ordinal);
        Assert.Contains("Locatie: Locatie De Wilgen", text, StringComparison.Ordinal);
        foreach (var title in (string[])["#1 Stap 1 – Vermoedens van pesten", "#2 Stap 1 – Vermoeden bevestigd", "#3 Stap 2 – Ouders informeren", "#5 Stap B.1 – Bemiddelingsgesprek"])
        {
            Assert.Contains(title, text, StringComparison.Ordinal);
        }

        Assert.True(text.IndexOf("#1 Stap 1", StringComparison.Ordinal) < text.IndexOf("#5 Stap B.1", StringComparison.Ordinal), "entries in order");
        Assert.Contains("Oriënterend gesprek gevoerd; het vermoeden klopt.", text, StringComparison.Ordinal);
        Assert.Contains("• Lars laat Sanne met rust in de pauze.", text, StringComparison.Ordinal);
        Assert.Contains("door Anouk de Vries", text, StringComparison.Ordinal);
        Assert.Contains("pagina 1 van", text, StringComparison.Ordinal);
        // Issue 13 item 4: the PDF, like the dossier card, is for staff with a role in the case: it names the bully.
        Assert.Contains("Betrokken leerlingen", text, StringComparison.Ordinal);
        Assert.Contains("Slachtoffer: Sanne de Boer (2b)", text, StringComparison.Ordinal);
        Assert.Contains("Pester: Lars Hoekstra (2b)", text, StringComparison.Ordinal);
        Assert.Contains("Betrokken: slachtoffer, dader Lars Hoekstra (2b)", text, StringComparison.Ordinal);

        await using var scope = bot.Services.CreateAsyncScope();
        var kinds = await scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>().DossierAccessLog.Select(r => r.Kind).ToListAsync();
        Assert.Equal([DossierAccessKind.PdfRequested, DossierAccessKind.PdfDownloaded], kinds.Order());
    }

    [Fact]
    public async Task A_long_dossier_runs_over_several_numbered_pages()
    {
        await using var bot = await BotHarness.StartAsync();
        var c = Open(BotHarness.Sanne, "2b", Opened);
        for (var i = 1; i < 60; i++)
        {
            c.AddNote(MentorRef, Opened.AddHours(i), $"Notitie {i}: " + string.Concat(Enumerable.Repeat("gesprek in de pauze gevoerd en afspraken herhaald. ", 5)));
        }

        var code = await bot.AddCaseAsync(c, MentorAndCoordinator);
        var (flow, adapter) = bot.ChatAs(BotHarness.Mentor);
        await flow.Send($"dossier {code} pdf").AssertCardContains(PdfLinkCard.OpenButton).StartTestAsync();
        var (_, body, _) = await GetAsync(bot, (string)SentCards(adapter)[0].FindAction(PdfLinkCard.OpenButton)!["url"]!);

        using var pdf = PdfDocument.Open(body);
        Assert.True(pdf.NumberOfPages > 3, $"{pdf.NumberOfPages} pages");
        var last = string.Join(' ', pdf.GetPage(pdf.NumberOfPages).GetWords().Select(w => w.Text));
        Assert.Contains($"pagina {pdf.NumberOfPages} van {pdf.NumberOfPages}", last, StringComparison.Ordinal);
        Assert.Contains("#60 Notitie", PdfText(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_expired_or_junk_link_or_one_of_someone_who_left_the_case_gets_the_same_404()
    {
        await using var bot = await BotHarness.StartAsync();
        var c = ParentsInformed(BotHarness.Sanne, "2b");
        var code = await bot.AddCaseAsync(c, MentorAndCoordinator);
        var links = bot.Services.GetRequiredService<PdfLinks>();
        var good = links.Create(c.Id, BotHarness.Mentor, BotHarness.Now);
        var token = good[(good.LastIndexOf('/') + 1)..];
        var forged = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];
        var docentLink = links.Create(c.Id, BotHarness.Docent, BotHarness.Now);

        foreach (var url in (string[])[good.Replace(token, forged, StringComparison.Ordinal), links.BaseUrl + "/dossier-pdf/%00%ff", links.BaseUrl + "/dossier-pdf/" + new string('A', 600), docentLink])
        {
            var (status, body, _) = await GetAsync(bot, url);
            Assert.Equal(StatusCodes.Status404NotFound, status);
            Assert.Equal(DossierPdfEndpoint.GoneText, System.Text.Encoding.UTF8.GetString(body));
        }

        Assert.Equal(StatusCodes.Status200OK, (await GetAsync(bot, good)).Status);
        bot.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(StatusCodes.Status404NotFound, (await GetAsync(bot, good)).Status);
        Assert.NotNull(code);
    }

    /// <summary>Runs the endpoint as ASP.NET Core would for GET <paramref name="url"/>.</summary>
    private static async Task<(int Status, byte[] Body, IHeaderDictionary Headers)> GetAsync(BotHarness bot, string url)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Response.Body = new MemoryStream();
        var token = Uri.UnescapeDataString(url[(url.LastIndexOf('/') + 1)..]);
        var result = await DossierPdfEndpoint.GetAsync(
            token, http, scope.ServiceProvider.GetRequiredService<PdfLinks>(), scope.ServiceProvider.GetRequiredService<DossierRecords>(), bot.Clock, CancellationToken.None);
        await result.ExecuteAsync(http);
        return (http.Response.StatusCode, ((MemoryStream)http.Response.Body).ToArray(), http.Response.Headers);
    }

    private static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var text = string.Join('\n', document.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))));
        return Regex.Replace(text, "[ ]+", " ");
    }
}
