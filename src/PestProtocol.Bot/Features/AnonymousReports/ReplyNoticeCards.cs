using System.Text.Json;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.BotFramework.Cards;
using static PestProtocol.Bot.Cards.CardParts;

namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>The words of the reply notice: the notice itself, and how the student and the coordinator are told it works.</summary>
public static class ReplyNoticeCards
{
    /// <summary>The notice's heading (the same for every student).</summary>
    public const string Title = "Er is een antwoord op een anonieme melding";

    /// <summary>The notice's button: it types <c>status</c> for the student.</summary>
    public const string StatusButton = "Bekijk mijn melding";

    /// <summary>The notice's text: no content of any report, the same for everyone of the location.</summary>
    public const string Text =
        "De school heeft geantwoord op een anonieme melding van een leerling van jouw school.";

    /// <summary>What to do, for who reported and for who did not.</summary>
    public const string WhatToDo =
        "Heb jij een anonieme melding gedaan? Typ dan 'status' (of klik hieronder) en vul je code en wachtwoord in om het antwoord te lezen. Heb je niets gemeld? Dan hoef je niets te doen.";

    /// <summary>Why everyone gets it.</summary>
    public const string WhyEveryone =
        "Iedereen van je school krijgt dit bericht, zodat niemand kan zien wie er iets gemeld heeft.";

    /// <summary>The notice card, the same for every student of the location.</summary>
    public static AdaptiveCard Notice()
    {
        var card = NewCard(
            Heading(Title),
            Paragraph(Text),
            Paragraph(WhatToDo),
            Subtle(WhyEveryone));
        card.Actions = [CommandButton(StatusButton, "status")];
        return card;
    }

    /// <summary>The mail when Teams cannot reach the student (the same for everyone of the location, like the card).</summary>
    public static string MailBody(string teamsAppLink) =>
        Text + "\n\nHeb jij een anonieme melding gedaan? Open dan PestProtocol in Microsoft Teams, typ 'status' en vul je code en wachtwoord in om het antwoord te lezen: "
        + teamsAppLink
        + "\n\nHeb je niets gemeld? Dan hoef je niets te doen. " + WhyEveryone;

    /// <summary>The sent card's paragraph on how a student hears of an answer (honest for both settings).</summary>
    public static string HowYouHear(ReplyNoticeOptions options, string code)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Enabled
            ? $"Als de school antwoordt, krijgen alle leerlingen van je school om {Math.Clamp(options.Hour, 0, 23)}:00 uur dezelfde korte melding, zonder inhoud. Zo weet niemand dat het over jou gaat, ook de bot niet. Typ dan 'status {code}' om het antwoord te lezen. Je kunt dan ook iets terugschrijven, of vragen om met iemand te praten zonder je naam te noemen."
            : $"Je krijgt geen bericht als er een antwoord is: daarvoor zou de bot moeten onthouden dat deze melding van jou is, en dat doet hij niet. Kijk dus zelf af en toe met 'status {code}'. Je kunt dan ook iets terugschrijven, of vragen om met iemand te praten zonder je naam te noemen.";
    }

    /// <summary>What the coordinator reads after answering: when the students hear of it.</summary>
    public static string ForCoordinator(ReplyNoticeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Enabled
            ? $" Om {Math.Clamp(options.Hour, 0, 23)}:00 uur (op een schooldag) krijgen alle leerlingen van de locatie een korte melding zonder inhoud dat er een antwoord is."
            : string.Empty;
    }
}

/// <summary>Renders <see cref="ReplyNoticePayload.Kind"/> outbox messages: the same notice card for every recipient.</summary>
public sealed class ReplyNoticeCardRenderer : IAlertCardRenderer
{
    /// <inheritdoc />
    public string Kind => ReplyNoticePayload.Kind;

    /// <inheritdoc />
    public Task<AdaptiveCard?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            return Task.FromResult(JsonSerializer.Deserialize<ReplyNoticePayload>(message.Payload, JsonSerializerOptions.Web) is null ? null : (AdaptiveCard?)ReplyNoticeCards.Notice());
        }
        catch (JsonException)
        {
            return Task.FromResult<AdaptiveCard?>(null);
        }
    }
}
