using PestProtocol.Bot.Cards;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.Domain.Dossier;
using static PestProtocol.Bot.Features.Melding.Cards.MeldingCardParts;

using Choice = PestProtocol.BotFramework.Cards.Choice;

namespace PestProtocol.Bot.Features.Melding.Cards;

/// <summary>
/// The parents part of a card (stap 2, A.2, B.2, C.2, D.3, E.3): by whom, when and how the parents were informed.
/// Parents are no Teams users: the bot records this, it does not contact them.
/// </summary>
public static class ParentsFields
{
    /// <summary>Who informed them: the user, or someone else.</summary>
    public const string By = "ouderDoor";

    /// <summary>The name of someone else who informed them.</summary>
    public const string ByOther = "ouderDoorAnders";

    /// <summary>The date.</summary>
    public const string When = "ouderDatum";

    /// <summary>How.</summary>
    public const string How = "ouderHoe";

    /// <summary>Value of <see cref="By"/> for "ikzelf".</summary>
    public const string Myself = "zelf";

    /// <summary>Value of <see cref="By"/> for someone else.</summary>
    public const string SomeoneElse = "anders";

    /// <summary>How parents can be reached, in Dutch.</summary>
    public static readonly IReadOnlyList<(ParentContactMethod Method, string Title)> Methods =
    [
        (ParentContactMethod.Phone, "Telefonisch"),
        (ParentContactMethod.InPerson, "In een gesprek op school"),
        (ParentContactMethod.Email, "Per e-mail"),
        (ParentContactMethod.StudentSystemMessage, "Via een bericht in het leerlingvolgsysteem (bijv. Magister)"),
        (ParentContactMethod.Letter, "Per brief"),
        (ParentContactMethod.Other, "Anders"),
    ];

    /// <summary>The inputs.</summary>
    public static IEnumerable<CardElement> Inputs(DateOnly today, string heading = "De ouders/verzorgers")
    {
        yield return CardParts.SubHeading(heading);
        yield return Choices(By, "Wie heeft de ouders geïnformeerd?", [new Choice("Ikzelf", Myself), new Choice("Iemand anders", SomeoneElse)], value: Myself, expanded: true, required: true);
        yield return Text(ByOther, "Naam (als iemand anders de ouders informeerde)", maxLength: 100);
        yield return Date(When, "Wanneer?", today, required: true);
        yield return Choices(How, "Hoe?", Methods.Select(m => new Choice(m.Title, m.Method.ToString())), value: nameof(ParentContactMethod.Phone), required: true);
    }

    /// <summary>What these inputs need from the button that saves them.</summary>
    public static IReadOnlyDictionary<string, string> Required => new Dictionary<string, string>
    {
        [By] = "Wie heeft de ouders geïnformeerd?",
        [When] = "Wanneer?",
        [How] = "Hoe?",
    };

    /// <summary>The rules for these inputs.</summary>
    public static IEnumerable<CardInputRule> Rules() =>
    [
        Rule(By, "Wie heeft de ouders geïnformeerd?", allowed: [Myself, SomeoneElse]),
        Rule(ByOther, "Naam", maxLength: 100),
        Rule(How, "Hoe?", allowed: [.. Methods.Select(m => m.Method.ToString())]),
    ];

    /// <summary>
    /// The parents information from a submit. Someone else who informed them is recorded by name in the text
    /// (<paramref name="note"/>), since they may have no staff id.
    /// </summary>
    public static ParentsInformation Read(CardSubmit submit, string actorStaffId, DateTimeOffset now, string? whoTakesWhichSteps, out string? note)
    {
        ArgumentNullException.ThrowIfNull(submit);
        var other = submit.GetString(By) == SomeoneElse;
        var otherName = submit.GetString(ByOther)?.Trim();
        note = other ? $"Ouders geïnformeerd door: {(string.IsNullOrEmpty(otherName) ? "een collega" : otherName)}." : null;
        var day = DateOnly.TryParseExact(submit.GetString(When), "yyyy-MM-dd", out var d) ? d : DateOnly.FromDateTime(now.Date);
        var method = Enum.TryParse<ParentContactMethod>(submit.GetString(How), out var m) ? m : ParentContactMethod.Other;
        return new ParentsInformation(
            other ? SomeoneElse : actorStaffId,
            Features.Melding.SchoolTime.ToMoment(day, now),
            method,
            whoTakesWhichSteps);
    }
}
