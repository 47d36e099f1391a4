using PestProtocol.Bot.Features.Cases;
using PestProtocol.Bot.Features.Melding.Cards;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Routes;
using static PestProtocol.Bot.Features.Melding.CaseParticipants;

namespace PestProtocol.Bot.Features.Melding;

/// <summary>
/// Herstelgesprek (Bijlage 8), after route B or D: the agreement and its signatures in the order dader,
/// slachtoffer, ondersteuners (the domain refuses another order, with its own Dutch reason).
/// </summary>
public sealed class HerstelgesprekDialog(CaseSteps steps, CaseParticipants participants) : CaseStepDialog(DialogId, steps)
{
    /// <summary>The dialog id.</summary>
    public const string DialogId = "melding.herstelgesprek";

    /// <summary>The reference of the supporters as one group (no names).</summary>
    public const string Supporters = "ondersteuners";

    protected override async Task<CaseScreen?> ScreenAsync(ITurnContext turnContext, LoadedCase loaded, CancellationToken cancellationToken) =>
        new CaseScreen("herstelgesprek", HerstelgesprekCard.Create(loaded.Code, loaded.Case, await participants.KnownBulliesAsync(loaded.Case, cancellationToken).ConfigureAwait(false),
            await participants.ClassmatesAsync(loaded.Case, cancellationToken).ConfigureAwait(false)),
        [
            MeldingCardParts.Rule(HerstelgesprekCard.Agreement, "De overeenkomst", maxLength: 2000),
            .. Enumerable.Range(1, 3).Select(i => MeldingCardParts.Rule(HerstelgesprekCard.Signature(i), "Handtekening", allowed: ["dader", "slachtoffer", Supporters, "geen"])),
                ]);

    protected override Task<DialogTurnResult> OnAnswerAsync(WaterfallStepContext stepContext, Guid caseId, string screen, CardSubmit submit, CancellationToken cancellationToken) =>
        ApplyAsync(stepContext, caseId, async (c, now) =>
        {
            var bully = await participants.BullyAsync(submit, HerstelgesprekCard.Bully, c.Case, cancellationToken).ConfigureAwait(false);
            CaseParticipant? Signer(string? who) => who switch
            {
                "dader" => bully,
                "slachtoffer" => new(c.Case.StudentRef, ParticipantRole.Victim),
                Supporters => new(Supporters, ParticipantRole.Supporter),
                _ => null,
            };
            var order = Enumerable.Range(1, 3).Select(i => Signer(submit.GetString(HerstelgesprekCard.Signature(i)))).OfType<CaseParticipant>().ToList();
            var people = new List<CaseParticipant>(AllBullies(c.Case, bully)) { new(c.Case.StudentRef, ParticipantRole.Victim) };
            people.AddRange(order.Where(p => p.Role == ParticipantRole.Supporter));
            c.Case.HoldHerstelgesprek(c.Actor, now, new HerstelgesprekAgreement(people, submit.GetString(HerstelgesprekCard.Agreement) ?? string.Empty, order));
        }, cancellationToken);
}
