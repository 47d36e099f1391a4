using PestProtocol.Bot.Commands;
using PestProtocol.BotFramework.Cards;
using static PestProtocol.Bot.Cards.CardParts;

namespace PestProtocol.Bot.Features.StudentSide;

/// <summary>What a student sees when they write that something is wrong: kind, short, and three ways forward.</summary>
public static class StudentSideCards
{
    public const string KindTitle = "Wat naar dat je dit meemaakt";
    public const string TellMentorButton = "Vertel het mijn mentor";
    public const string AnonymousButton = "Anoniem vertellen";
    public const string TalkNowTitle = "Nu met iemand praten";

    /// <summary>The Kindertelefoon and 112, in the words a 13-year-old reads.</summary>
    public const string TalkNow =
        "Bel gratis de Kindertelefoon: 0800-0432, of chat op kindertelefoon.nl. Je hoeft je naam niet te zeggen, en wat je vertelt blijft tussen jou en hen.";

    public const string Emergency = "Ben je nu in gevaar? Bel 112.";

    /// <summary>The answer to "ik word gepest" and the like.</summary>
    public static AdaptiveCard KindAnswer(DistressLevel level)
    {
        var card = NewCard(Heading(KindTitle));
        if (level == DistressLevel.Danger)
        {
            card.Body!.Add(new TextBlock("Wat je schrijft klinkt heel zwaar. Praat er nu meteen over met iemand, je hoeft dit niet alleen te dragen.") { Wrap = true, Weight = FontWeight.Bolder });
            card.Body.Add(Paragraph("Denk je eraan om jezelf iets aan te doen? Bel gratis 0800-0113 of chat op 113.nl (113 Zelfmoordpreventie), dag en nacht."));
            card.Body.Add(Paragraph(TalkNow));
            card.Body.Add(new TextBlock(Emergency) { Wrap = true, Weight = FontWeight.Bolder });
            card.Body.Add(Paragraph("Wil je dat iemand van school het weet? Dat kan hieronder."));
        }
        else
        {
            card.Body!.Add(Paragraph("Goed dat je het vertelt. Pesten is nooit jouw schuld, en je hoeft het niet alleen op te lossen. Wat wil je doen?"));
            card.Body.Add(new FactSet
            {
                Facts =
                [
                    new Fact(TellMentorButton, "Je mentor krijgt een bericht met jouw naam en komt naar je toe om te praten."),
                    new Fact(AnonymousButton, "De school leest wat er gebeurt, maar weet niet wie het stuurde."),
                    new Fact(TalkNowTitle, "Zie hieronder: iemand die nu naar je luistert."),
                ],
            });
            card.Body.Add(new Container
            {
                Style = ContainerStyle.Emphasis,
                Spacing = Spacing.Medium,
                Items = [SubHeading(TalkNowTitle), Paragraph(TalkNow), new TextBlock(Emergency) { Wrap = true, Weight = FontWeight.Bolder }],
            });
        }

        card.Body.Add(Subtle("Ook handig: typ 'tips' voor tips als het online gebeurt."));
        card.Actions = [CommandButton(TellMentorButton, TellMentorCommand), CommandButton(AnonymousButton, "anoniem")];
        return card;
    }

    /// <summary>The command word of "tell my mentor".</summary>
    public const string TellMentorCommand = "mentor";

    /// <summary>What a student can do, for the student's welcome and help card.</summary>
    public static IReadOnlyList<Fact> WhatAStudentCanDo(IReadOnlyList<BotCommand> commands) =>
    [
        .. commands.Where(c => c.IsFor(Audience.Student)).Select(c => new Fact(c.Name, c.Description)),
        new Fact("tips", "Tips als je online gepest wordt: uit het pestprotocol, en tips voor de apps van nu."),
        new Fact("stop", "Stoppen met wat je nu aan het doen bent. Er wordt dan niets verstuurd."),
    ];
}
