using PestProtocol.BotFramework.Cards;
using static PestProtocol.Bot.Cards.CardParts;

namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>
/// The coordinator's card of an anonymous report: what, where, since when, how often, digital, location, the thread,
/// and the actions (Universal Actions in an ActionSet, each with an Action.Submit fallback). There is nothing about
/// the sender to show.
/// </summary>
public static class CoordinatorCards
{
    public const string TakeVerb = "report.take";
    public const string ReplyVerb = "report.reply";
    public const string CaseVerb = "report.case";
    public const string CloseVerb = "report.close";
    public const string RefreshVerb = "report.refresh";

    /// <summary>Input ids on the card.</summary>
    public const string ReplyId = "antwoord";
    public const string ReasonId = "reden";

    /// <summary>The data key of the report id.</summary>
    public const string ReportIdKey = "reportId";

    /// <param name="thread">The report and its messages.</param>
    /// <param name="takenByName">The coordinator who took it up, if any.</param>
    /// <param name="caseCode">The case opened from it, if any.</param>
    /// <param name="notice">A line at the top, e.g. "Je antwoord is verstuurd.".</param>
    public static AdaptiveCard Report(ReportThread thread, string? takenByName, string? caseCode, string? notice = null)
    {
        ArgumentNullException.ThrowIfNull(thread);
        var report = thread.Report;
        var card = NewCard(Heading("Anonieme melding van een leerling"));
        card.Refresh = new Refresh { Action = new ActionExecute(RefreshVerb) { Title = "Vernieuwen", Data = Data(report, RefreshVerb) } };
        if (notice is not null)
        {
            card.Body!.Add(new TextBlock(notice) { Wrap = true, Color = TextColor.Good, Weight = FontWeight.Bolder });
        }

        card.Body!.Add(Subtle("De leerling is anoniem: de bot weet niet wie dit stuurde. Je kunt alleen via deze kaart antwoorden; de leerling leest het met zijn of haar code."));
        card.Body.Add(SubHeading("Wat er is gebeurd"));
        card.Body.Add(Paragraph(report.WhatHappened));
        var facts = new List<Fact>
        {
            new("Ontvangen", ReportTimes.Show(report.ReceivedAt)),
            new("Locatie", thread.LocationName),
            new("Over", report.About == "zelf" ? "De melder zelf" : "Iemand anders"),
            new("Waar", ReportChoices.LabelOf(ReportChoices.Places, report.Place) + (report.Platform is { } p ? " – " + ReportChoices.LabelOf(ReportChoices.Platforms, p) : "")),
            new("Digitaal pesten", report.IsDigital ? "Ja (de leerling kreeg de tips van bijlage 5)" : "Nee"),
            new("Sinds", ReportChoices.LabelOf(ReportChoices.Since, report.Since)),
            new("Hoe vaak", ReportChoices.LabelOf(ReportChoices.Frequencies, report.Frequency)),
            new("Wie doet het", report.WhoDoesIt ?? "(niet ingevuld)"),
            new("Bij wie", report.WhoIsTargeted ?? "(niet ingevuld)"),
            new("Status", report.Status switch
            {
                AnonymousReportStatus.New => "Nieuw: nog niet opgepakt",
                AnonymousReportStatus.TakenUp => "Opgepakt" + (takenByName is null ? "" : " door " + takenByName),
                _ => "Gesloten" + (report.CloseReason is { } reason ? ": " + reason : ""),
            }),
        };
        if (caseCode is not null)
        {
            facts.Add(new("Melding (stap 1)", caseCode));
        }

        card.Body.Add(new FactSet { Facts = facts });
        if (thread.Messages.Count > 0)
        {
            card.Body.Add(SubHeading("Berichten"));
            foreach (var message in thread.Messages)
            {
                card.Body.Add(new Container
                {
                    Style = message.Author == ReportMessageAuthor.School ? ContainerStyle.Emphasis : ContainerStyle.Default,
                    Items =
                    [
                        Subtle((message.Author == ReportMessageAuthor.School ? "School" : "Leerling") + " · " + ReportTimes.Show(message.WrittenAt)),
                        Paragraph(message.Text),
                    ],
                });
            }
        }

        if (report.Status != AnonymousReportStatus.Closed)
        {
            var actions = new List<CardAction>();
            if (report.Status == AnonymousReportStatus.New)
            {
                actions.Add(Execute("Ik pak dit op", TakeVerb, report));
            }

            actions.Add(new ActionShowCard
            {
                Title = "Reageer anoniem",
                Card = new AdaptiveCard
                {
                    Body =
                    [
                        new InputText(ReplyId) { Label = "Je antwoord aan de leerling (de leerling ziet 'De anti-pestcoördinator van je locatie')", IsMultiline = true, MaxLength = ReportLimits.Message, IsRequired = true, ErrorMessage = "Schrijf een antwoord." },
                    ],
                    Actions = [Execute("Antwoord versturen", ReplyVerb, report)],
                },
            });
            if (report.CaseId is null)
            {
                actions.Add(Execute("Maak melding", CaseVerb, report));
            }

            actions.Add(new ActionShowCard
            {
                Title = "Sluiten",
                Card = new AdaptiveCard
                {
                    Body =
                    [
                        new InputText(ReasonId) { Label = "Waarom sluit je deze melding?", MaxLength = ReportLimits.CloseReason, IsRequired = true, ErrorMessage = "Geef een reden." },
                    ],
                    Actions = [Execute("Melding sluiten", CloseVerb, report)],
                },
            });
            card.Body.Add(new ActionSet { Actions = actions });
        }

        return card;
    }

    private static Dictionary<string, object?> Data(AnonymousReportRecord report, string verb) =>
        new() { ["verb"] = verb, [ReportIdKey] = report.Id.ToString("D") };

    private static ActionExecute Execute(string title, string verb, AnonymousReportRecord report) => new(verb)
    {
        Title = title,
        Data = Data(report, verb),
        Fallback = new ActionSubmit(title) { Data = Data(report, verb) },
    };
}
