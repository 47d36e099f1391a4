using PestProtocol.BotFramework.Cards;
using PestProtocol.Domain.Cases;
using static PestProtocol.Bot.Cards.CardParts;
using static PestProtocol.Bot.Features.Melding.Cards.MeldingCardParts;

namespace PestProtocol.Bot.Features.Melding.Cards;

/// <summary>
/// A case that waits (a follow-up, after a herstelgesprek, or closed): only the moves the protocol allows now,
/// from <see cref="Case.AllowedCommands"/>.
/// </summary>
public static class FollowUpCard
{
    /// <summary>Choice: a new follow-up in the route.</summary>
    public const string NewFollowUp = "vervolg";

    /// <summary>Choice: the bullying goes on (stap 4).</summary>
    public const string Continues = "doorgaan";

    /// <summary>Choice: herstelgesprek.</summary>
    public const string Herstelgesprek = "herstelgesprek";

    /// <summary>Choice: close.</summary>
    public const string Close = "afsluiten";

    /// <summary>Choice: reopen.</summary>
    public const string Reopen = "heropenen";

    /// <summary>The note input.</summary>
    public const string Note = "toelichting";

    private static readonly CaseCommand[] FollowUpCommands =
        [CaseCommand.A3FollowUp, CaseCommand.B4FollowUpMeeting, CaseCommand.C4FollowUp, CaseCommand.D5FollowUp, CaseCommand.E4FollowUp];

    /// <summary>The route's follow-up command that is allowed now, if any.</summary>
    public static CaseCommand? AllowedFollowUp(Case @case) =>
        FollowUpCommands.Where(c => @case?.AllowedCommands.Contains(c) == true).Select(c => (CaseCommand?)c).FirstOrDefault();

    /// <summary>The card.</summary>
    public static AdaptiveCard Create(string code, Case @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var card = StepCard($"Melding {code}: {@case.CurrentStepTitle()}", code, @case, @case.NextAction, "Wat wil je nu doen?");
        card.Body!.Add(Text(Note, @case.IsClosed ? "Reden om te heropenen" : "Toelichting (verplicht bij 'Pesten gaat door' en 'Melding afsluiten')", multiline: true));
        var allowed = @case.AllowedCommands;
        if (AllowedFollowUp(@case) is not null)
        {
            card.Actions!.Add(Answer("Nieuwe vervolgafspraak", NewFollowUp, style: ActionStyle.Positive));
        }

        if (allowed.Contains(CaseCommand.BullyingContinues))
        {
            card.Actions!.Add(Answer("Pesten gaat door", Continues, new Dictionary<string, string> { [Note] = "Toelichting: wat gebeurt er nog?" }));
        }

        if (allowed.Contains(CaseCommand.HoldHerstelgesprek))
        {
            card.Actions!.Add(Answer("Herstelgesprek", Herstelgesprek));
        }

        if (allowed.Contains(CaseCommand.Close))
        {
            card.Actions!.Add(Answer("Melding afsluiten", Close, new Dictionary<string, string> { [Note] = "Toelichting bij het afsluiten" }));
        }

        if (@case.IsClosed)
        {
            card.Actions!.Add(Answer("Heropenen", Reopen, new Dictionary<string, string> { [Note] = "Reden om te heropenen" }));
        }

        card.Actions!.Add(LaterButton());
        return card;
    }
}
