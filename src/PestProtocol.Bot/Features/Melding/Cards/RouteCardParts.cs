using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Domain.Appendices;
using static PestProtocol.Bot.Cards.CardParts;
using static PestProtocol.Bot.Features.Melding.Cards.MeldingCardParts;

using Choice = PestProtocol.BotFramework.Cards.Choice;

namespace PestProtocol.Bot.Features.Melding.Cards;

/// <summary>Inputs several route steps share: follow-up date, agreements, other school, digital tips.</summary>
public static class RouteCardParts
{
    /// <summary>Free text of a step.</summary>
    public const string StepText = "tekst";

    /// <summary>Agreements, one per line.</summary>
    public const string Agreements = "afspraken";

    /// <summary>The next follow-up date.</summary>
    public const string FollowUpDate = "vervolgdatum";

    /// <summary>The Bijlage 5 tips were given.</summary>
    public const string DigitalTips = "tipsGegeven";

    /// <summary>The teamleider consulted about the other school.</summary>
    public const string Teamleider = "teamleider";

    /// <summary>What was agreed with the other school.</summary>
    public const string OtherSchool = "andereSchool";

    /// <summary>The bully (student field).</summary>
    public const string Bully = "dader";

    /// <summary>The label of <see cref="DigitalTips"/>.</summary>
    public const string DigitalTipsLabel = "De tips van bijlage 5 zijn gegeven";

    /// <summary>The follow-up inputs: date (default in two weeks) and a note.</summary>
    public static IEnumerable<CardElement> FollowUp(DateOnly today, string textLabel = "Toelichting (niet verplicht)", bool textRequired = false)
    {
        yield return MeldingCardParts.Date(FollowUpDate, "Volgend vervolgmoment", Domain.FollowUps.SchoolCalendar.WeekendsOnly.SuggestFollowUpDay(today), today.AddDays(1), required: true); // followups branch: two weeks on, never in a weekend
        yield return MeldingCardParts.Text(StepText, textLabel, required: textRequired, multiline: true);
    }

    /// <summary>Contact with the bully's other school, made with a teamleider; left out when the directory has none.</summary>
    public static IEnumerable<CardElement> OtherSchoolContact(IReadOnlyList<DirectoryPerson> teamleiders)
    {
        yield return SubHeading("Zit de dader op een andere school?");
        if (teamleiders.Count == 0)
        {
            yield return Subtle("Neem dan (in overleg met de teamleider) contact op met die school. Er is voor deze locatie geen teamleider bekend; zet het contact in de tekst hierboven.");
            yield break;
        }

        yield return Choices(Teamleider, "Teamleider met wie je overlegde", teamleiders.Select(t => new Choice(t.DisplayName, t.Id)));
        yield return MeldingCardParts.Text(OtherSchool, "Contact met de andere school: wat is afgesproken?", multiline: true);
    }

    /// <summary>The Bijlage 5 tips toggle, for digital bullying.</summary>
    public static IEnumerable<CardElement> DigitalTipsInputs(string label = DigitalTipsLabel)
    {
        yield return Paragraph("Het gaat om digitaal pesten: geef de tips van bijlage 5.");
        yield return new ActionSet(AppendixButton(AppendixId.Bijlage5, "Bijlage 5: tips digitale pesterijen"));
        yield return Toggle(DigitalTips, label);
    }

    /// <summary>The rules for the shared inputs (lengths and allowed teamleiders).</summary>
    public static IReadOnlyList<CardInputRule> Rules(IReadOnlyList<DirectoryPerson>? teamleiders = null) =>
    [
        Rule(StepText, "Tekst", maxLength: 2000),
        Rule(Agreements, "Afspraken", maxLength: 2000),
        Rule(OtherSchool, "Contact met de andere school", maxLength: 2000),
        Rule(Teamleider, "Teamleider", allowed: teamleiders is null ? null : [.. teamleiders.Select(t => t.Id)]),
    ];
}
