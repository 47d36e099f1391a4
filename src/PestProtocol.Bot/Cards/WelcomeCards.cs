using PestProtocol.Bot.Commands;
using PestProtocol.Bot.Features.StudentSide;
using PestProtocol.BotFramework.Cards;
using static PestProtocol.Bot.Cards.CardParts;

namespace PestProtocol.Bot.Cards;

/// <summary>The first card anyone sees, and the help card ("help" in any case, a Teams store rule).</summary>
public static class WelcomeCards
{
    public const string WelcomeTitle = "Welkom bij PestProtocol";
    public const string HelpTitle = "Wat kan ik voor je doen?";
    public const string ProtocolButton = "Stappen van het protocol";

    private const string ForStudents =
        "Word je gepest, of zie je dat iemand anders gepest wordt? Dat mag je altijd vertellen, en het is nooit jouw schuld. Je kunt het hier aan je mentor vertellen, of anoniem melden: dan ziet de school niet wie jij bent.";

    private const string ForStaff =
        "Heb je het vermoeden dat een leerling gepest wordt? Met 'melding' loop je samen met mij de stappen van het pestprotocol door. Elke stap komt in het dossier, en de mentor en de anti-pestcoördinator worden op de hoogte gebracht.";

    public static AdaptiveCard Welcome(Audience audience, IReadOnlyList<BotCommand> commands)
    {
        if (audience != Audience.Staff)
        {
            return StudentWelcome(commands);
        }

        var card = NewCard(
            Heading(WelcomeTitle),
            Paragraph("Ik help de school om pesten aan te pakken volgens het pestprotocol van OVO Fryslân-Noord."),
            new Container { Items = [SubHeading("Voor medewerkers"), Paragraph(ForStaff)], Spacing = Spacing.Medium },
            Subtle("Leerlingen zien hier alleen wat zij kunnen doen: het aan hun mentor vertellen of anoniem melden."),
            Subtle("Typ 'help' als je niet weet wat je moet doen. Typ 'stop' om te stoppen met wat je aan het doen bent."));
        card.Actions = [.. Buttons(audience, commands).Take(3), CommandButton("Help", "help")];
        return card;
    }

    /// <summary>A student's welcome: only what a student can do, and who to talk to now.</summary>
    private static AdaptiveCard StudentWelcome(IReadOnlyList<BotCommand> commands)
    {
        var card = NewCard(
            Heading(WelcomeTitle),
            Paragraph("Hoi! " + ForStudents),
            new FactSet { Facts = [.. StudentSideCards.WhatAStudentCanDo(commands)] },
            Subtle(StudentSideCards.TalkNow + " " + StudentSideCards.Emergency));
        card.Actions = [.. Buttons(Audience.Student, commands).Take(3), CommandButton("Tips", "tips")];
        return card;
    }

    public const string GroupChatTitle = "PestProtocol in deze groepschat";

    /// <summary>
    /// What the bot says in a group chat (when added, on "help" and on anything it does not do here): everyone reads
    /// along, so it names no student and no case, and says where case work and reports happen.
    /// </summary>
    public static AdaptiveCard GroupChat() => NewCard(
        Heading(GroupChatTitle),
        Paragraph("In deze chat lezen anderen mee. Daarom laat ik hier geen namen van leerlingen, meldingen of dossiers zien."),
        new FactSet
        {
            Facts =
            [
                new Fact("@PestProtocol stappen", "Het stroomschema van het pestprotocol."),
                new Fact("@PestProtocol bijlage 1–8", "Een bijlage van het protocol, bijvoorbeeld 'bijlage 6' voor het bemiddelingsgesprek."),
            ],
        },
        Subtle("Een melding, je overzicht, een dossier of een anonieme melding? Typ het hier en ik ga verder in je eigen chat met PestProtocol, waar alleen jij het ziet."));

    public const string ChannelTitle = "PestProtocol in dit kanaal";

    /// <summary>
    /// What the bot says in a team channel (when added to a team, and on "help" there). Everyone in a channel reads
    /// along, so it offers no case work and no anonymous report here: only linking the channel for the coordinators.
    /// </summary>
    public static AdaptiveCard Channel() => NewCard(
        Heading(ChannelTitle),
        Paragraph("In een kanaal kunnen de anti-pestcoördinatoren van een locatie de nieuwe meldingen ontvangen, zonder namen van leerlingen. Wie de melding oppakt, zie je op de kaart."),
        new FactSet
        {
            Facts =
            [
                new Fact("@PestProtocol koppel kanaal", "Meldingen voor de anti-pestcoördinatoren komen ook in dit kanaal (alleen voor anti-pestcoördinatoren)."),
                new Fact("@PestProtocol ontkoppel kanaal", "Er komen geen meldingen meer in dit kanaal."),
            ],
        },
        Subtle("Een melding doen, een dossier lezen of anoniem melden doe je in je eigen chat met PestProtocol, niet hier: iedereen in het kanaal leest mee."));

    public static AdaptiveCard Help(Audience audience, IReadOnlyList<BotCommand> commands)
    {
        if (audience != Audience.Staff)
        {
            return StudentHelp(commands);
        }

        var available = commands.Where(c => c.IsFor(audience)).ToList();
        var card = NewCard(Heading(HelpTitle));
        if (available.Count > 0)
        {
            card.Body!.Add(new FactSet { Facts = [.. available.Select(c => new Fact(c.Name, c.Description))] });
        }

        card.Body!.Add(new FactSet
        {
            Facts =
            [
                new Fact("stappen", "Het stroomschema van het pestprotocol: stap 1 tot en met 4 en de routes A tot en met E."),
                new Fact("bijlage 1–8", "Een bijlage van het protocol, bijvoorbeeld 'bijlage 4' voor gesprekstips."),
                .. available.Any(c => c.Name == "thermometer") ? [] : new[] { new Fact("thermometer", "De thermometer (bijlage 2): een anonieme vragenlijst om te zien of er in de klas gepest wordt.") },
                new Fact("stop", "Stoppen met wat je nu aan het doen bent. Wat al vastgelegd is, blijft in het dossier."),
            ],
        });

        // Teams and the Adaptive Cards SDK show at most a handful of buttons per row: three per ActionSet.
        foreach (var row in Buttons(audience, commands).Append(CommandButton(ProtocolButton, "stappen")).Chunk(3))
        {
            card.Body!.Add(new ActionSet(row));
        }

        return card;
    }

    /// <summary>A student's help: only what a student can do, and the Kindertelefoon.</summary>
    private static AdaptiveCard StudentHelp(IReadOnlyList<BotCommand> commands)
    {
        var card = NewCard(
            Heading(HelpTitle),
            new FactSet { Facts = [.. StudentSideCards.WhatAStudentCanDo(commands)] },
            Subtle("Ben je in gevaar of voel je je heel erg slecht? Praat met een volwassene die je vertrouwt, of bel of chat gratis en anoniem met de Kindertelefoon: 0800-0432 (kindertelefoon.nl). In gevaar? Bel 112."));
        foreach (var row in Buttons(Audience.Student, commands).Append(CommandButton("Tips", "tips")).Chunk(3))
        {
            card.Body!.Add(new ActionSet(row));
        }

        return card;
    }

    /// <summary>A student who types a staff command: kind, and the way to report anonymously.</summary>
    public static AdaptiveCard StaffOnly(IReadOnlyList<BotCommand> commands)
    {
        var card = NewCard(
            Paragraph("Dit onderdeel is voor medewerkers van de school."),
            Paragraph("Word jij gepest, of zie je dat iemand anders gepest wordt? Vertel het hier aan je mentor, of meld het anoniem: dan ziet de school niet wie jij bent."));
        card.Actions = [.. Buttons(Audience.Student, commands).Take(3)];
        return card;
    }

    private static IEnumerable<ActionSubmit> Buttons(Audience audience, IReadOnlyList<BotCommand> commands) =>
        commands.Where(c => c.IsFor(audience)).Select(c => CommandButton(c.ButtonTitle, c.Name));
}
