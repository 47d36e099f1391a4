using PestProtocol.BotFramework.Cards;
using PestProtocol.Domain.Appendices;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Localization;
using PestProtocol.Domain.Routes;
using Route = PestProtocol.Domain.Routes.Route;
using static PestProtocol.Bot.Cards.CardParts;

namespace PestProtocol.Bot.Cards;

/// <summary>The protocol itself on a card: the flowchart (Stroomschema) and the appendices (Bijlagen).</summary>
public static class ProtocolCards
{
    public static AdaptiveCard Overview(Locale locale = Locale.Nl)
    {
        var card = NewCard(Heading(locale == Locale.En ? "The anti-bullying protocol, step by step" : "Het pestprotocol, stap voor stap"));
        card.Body!.Add(SubHeading(StepTitles.For(ProtocolStep.Step1Suspicion, locale)));
        card.Body!.Add(Paragraph(locale == Locale.En
            ? "Signals (appendix 1), the thermometer (appendix 2), the student, a colleague or an anonymous report. Orienting conversation with the student (appendices 3 and 4). Always make a note in the dossier."
            : "Signalen (bijlage 1), de thermometer (bijlage 2), de leerling zelf, een collega of een anonieme melding. Oriënterend gesprek met de leerling (bijlage 3 en 4). Maak altijd een notitie in het dossier."));
        card.Body!.Add(SubHeading(StepTitles.For(ProtocolStep.Step2ParentsInformed, locale)));
        card.Body!.Add(Paragraph(locale == Locale.En
            ? "Inform the victim's parents and tell them who takes which steps."
            : "Informeer de ouders van het slachtoffer en vertel wie welke stappen gaat ondernemen."));
        card.Body!.Add(SubHeading(locale == Locale.En ? "Step 3 – Choose route A / B / C, together with the student" : "Stap 3 – Keuze uit route A / B / C, samen met de leerling"));
        card.Body!.Add(RouteFacts([Route.A, Route.B, Route.C], locale));
        card.Body!.Add(SubHeading(locale == Locale.En ? "Step 4 – If the bullying goes on: route D / E" : "Stap 4 – Als het pesten doorgaat: route D / E"));
        card.Body!.Add(RouteFacts([Route.D, Route.E], locale));
        card.Body!.Add(Subtle(locale == Locale.En
            ? "With digital bullying, always give the victim the tips of appendix 5."
            : "Geef het slachtoffer bij digitaal pesten altijd de tips uit bijlage 5."));
        card.Actions =
        [
            new ActionShowCard
            {
                Title = locale == Locale.En ? "Appendices" : "Bijlagen",
                Card = new AdaptiveCard
                {
                    Body = [.. AppendixCatalog.All.Select(a => CommandButton(a.Title.In(locale), "bijlage " + (int)a.Id)).Chunk(2).Select(row => new ActionSet(row))],
                },
            },
        ];
        return card;
    }

    public static AdaptiveCard Appendix(AppendixId id, Locale locale = Locale.Nl)
    {
        var appendix = AppendixCatalog.Get(id, locale);
        var card = NewCard(Heading(appendix.Title));
        foreach (var section in appendix.Sections)
        {
            if (section.Heading is { Length: > 0 } heading)
            {
                card.Body!.Add(SubHeading(heading));
            }

            foreach (var paragraph in section.Paragraphs)
            {
                card.Body!.Add(Paragraph(paragraph));
            }

            if (section.Items.Count > 0)
            {
                card.Body!.Add(Bullets(section.Items.Select(i => i.Text)));
            }
        }

        if (id == AppendixId.Bijlage5)
        {
            card.Body!.Add(TipsForToday(locale));
        }

        return card;
    }

    /// <summary>The heading of the current tips shown beside Bijlage 5.</summary>
    public const string TipsForTodayTitle = "Aanvulling, geen tekst uit het protocol: tips voor de apps van nu";

    /// <summary>
    /// Short current tips beside Bijlage 5 (whose text stays word for word): clearly marked as an addition to the protocol,
    /// for the group apps and social media students use today.
    /// </summary>
    public static Container TipsForToday(Locale locale = Locale.Nl) => new()
    {
        Style = ContainerStyle.Emphasis,
        Spacing = Spacing.Large,
        Separator = true,
        Items = locale == Locale.En
            ?
            [
                SubHeading("Addition, not text of the protocol: tips for today's apps"),
                Bullets([
                    "Take screenshots of messages, posts and profiles (with the date and the name or number) before they are deleted. That is your evidence.",
                    "Block the person and report the message or account in the app itself (WhatsApp, Snapchat, Instagram, TikTok: hold the message or open the profile, then 'Report').",
                    "Do not answer back, also not in anger: that often makes it worse.",
                    "Leave a group chat where you are being bullied, after you have made screenshots.",
                    "Tell someone you trust: your mentor, a teacher, your parents. You do not have to solve it alone.",
                ]),
                Subtle("Added by the school to the protocol's appendix 5, which dates from before these apps."),
            ]
            :
            [
                SubHeading(TipsForTodayTitle),
                Bullets([
                    "Maak screenshots van berichten, posts en profielen (met de datum en de naam of het nummer erop) voordat ze weg zijn. Dat is je bewijs.",
                    "Blokkeer de persoon en meld het bericht of account in de app zelf (WhatsApp, Snapchat, Instagram, TikTok: houd het bericht vast of open het profiel en kies 'Melden' of 'Rapporteren').",
                    "Reageer niet terug, ook niet als je boos bent: dat maakt het vaak erger.",
                    "Ga uit een groepsapp waarin je gepest wordt, nadat je screenshots hebt gemaakt.",
                    "Vertel het iemand die je vertrouwt: je mentor, een docent, je ouders. Je hoeft het niet alleen op te lossen.",
                ]),
                Subtle("Deze tips heeft de school toegevoegd naast bijlage 5; de bijlage zelf is van voor deze apps."),
            ],
    };

    private static FactSet RouteFacts(IEnumerable<Route> routes, Locale locale) => new()
    {
        Facts = [.. routes.Select(r => RouteDescriptions.For(r)).Select(d => new Fact(d.Title.In(locale), d.When.In(locale)))],
    };
}
