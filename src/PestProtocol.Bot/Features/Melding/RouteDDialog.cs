using PestProtocol.Bot.Features.Cases;
using PestProtocol.Bot.Features.Melding.Cards;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Routes;
using static PestProtocol.Bot.Features.Melding.CaseParticipants;
using C = PestProtocol.Bot.Features.Melding.Cards.RouteCardParts;

namespace PestProtocol.Bot.Features.Melding;

/// <summary>
/// Route D – de dader is bekend (het pesten gaat door): D.1 teamleider inschakelen, D.2 confronterend gesprek
/// (Bijlage 7; straf alleen door de deelschoolleider), D.3 ouders van het slachtoffer, D.4 notitie, D.5 blijven volgen.
/// </summary>
public sealed class RouteDDialog(CaseSteps steps, CaseParticipants participants) : CaseStepDialog(DialogId, steps)
{
    /// <summary>The dialog id.</summary>
    public const string DialogId = "melding.routeD";

    private static readonly CaseCommand[] SubSteps =
    [
        CaseCommand.D1InvolveTeamleider, CaseCommand.D2ConfrontingConversation, CaseCommand.D3InformVictimParents,
        CaseCommand.D4DossierNote, CaseCommand.D5FollowUp,
    ];

    protected override async Task<CaseScreen?> ScreenAsync(ITurnContext turnContext, LoadedCase loaded, CancellationToken cancellationToken)
    {
        var (c, code) = (loaded.Case, loaded.Code);
        switch (SubSteps.FirstOrDefault(c.IsAllowed, CaseCommand.Close))
        {
            case CaseCommand.D1InvolveTeamleider:
                return new(nameof(CaseCommand.D1InvolveTeamleider), RouteDCards.D1(code, c), C.Rules());
            case CaseCommand.D2ConfrontingConversation:
                var leaders = await Steps.Directory.GetRoleHoldersAsync(c.LocationId, StaffRole.Deelschoolleider, cancellationToken).ConfigureAwait(false);
                var teamleiders = await Steps.Directory.GetRoleHoldersAsync(c.LocationId, StaffRole.Teamleider, cancellationToken).ConfigureAwait(false);
                return new(nameof(CaseCommand.D2ConfrontingConversation), RouteDCards.D2(code, c, await participants.KnownBulliesAsync(c, cancellationToken).ConfigureAwait(false), await participants.ClassmatesAsync(c, cancellationToken).ConfigureAwait(false), leaders, teamleiders),
                    [.. C.Rules(teamleiders), MeldingCardParts.Rule(RouteDCards.Punishment, "Straf", maxLength: 500),
                        MeldingCardParts.Rule(RouteDCards.PunishmentBy, "Gegeven door", allowed: [.. leaders.Select(l => l.Id)])]);
            case CaseCommand.D3InformVictimParents:
                return new(nameof(CaseCommand.D3InformVictimParents), RouteDCards.D3(code, c, Steps.Today), [.. ParentsFields.Rules(), .. C.Rules()]);
            case CaseCommand.D4DossierNote:
                return new(nameof(CaseCommand.D4DossierNote), RouteDCards.D4(code, c), C.Rules());
            case CaseCommand.D5FollowUp:
                return new(nameof(CaseCommand.D5FollowUp), RouteDCards.D5(code, c, Steps.Today), C.Rules());
            default:
                return null;
        }
    }

    protected override Task<DialogTurnResult> OnAnswerAsync(WaterfallStepContext stepContext, Guid caseId, string screen, CardSubmit submit, CancellationToken cancellationToken) => screen switch
    {
        nameof(CaseCommand.D1InvolveTeamleider) => ApplyAsync(stepContext, caseId, (c, now) =>
            c.Case.D1InvolveTeamleider(c.Actor, now, submit.GetString(C.StepText) ?? string.Empty), cancellationToken),
        nameof(CaseCommand.D2ConfrontingConversation) => ApplyAsync(stepContext, caseId, async (c, now) =>
        {
            var bully = await participants.BullyAsync(submit, C.Bully, c.Case, cancellationToken).ConfigureAwait(false);
            c.Case.D2ConfrontingConversation(c.Actor, now, new ConfrontingConversation(
                [bully, new(bully.Reference, ParticipantRole.BullyParents)],
                submit.GetString(C.StepText) ?? string.Empty,
                Lines(submit.GetString(C.Agreements)),
                await PunishmentAsync(submit, cancellationToken).ConfigureAwait(false),
                await OtherSchoolAsync(submit, cancellationToken).ConfigureAwait(false)));
        }, cancellationToken),
        nameof(CaseCommand.D3InformVictimParents) => ApplyAsync(stepContext, caseId, (c, now) =>
        {
            var parents = ParentsFields.Read(submit, c.Actor.StaffId, now, null, out var byOther);
            c.Case.D3InformVictimParents(c.Actor, now, parents, Join(Optional(submit, C.StepText), byOther));
        }, cancellationToken),
        nameof(CaseCommand.D4DossierNote) => ApplyAsync(stepContext, caseId, (c, now) =>
            c.Case.D4DossierNote(c.Actor, now, submit.GetString(C.StepText) ?? string.Empty), cancellationToken),
        _ => ApplyAsync(stepContext, caseId, (c, now) =>
            c.Case.D5FollowUp(c.Actor, now, FollowUp(submit, C.FollowUpDate) ?? now, Optional(submit, C.StepText)), cancellationToken),
    };

    private async Task<Punishment?> PunishmentAsync(CardSubmit submit, CancellationToken cancellationToken)
    {
        var description = Optional(submit, RouteDCards.Punishment);
        if (description is null)
        {
            return null;
        }

        var by = Optional(submit, RouteDCards.PunishmentBy) is { } id ? await Steps.Directory.FindPersonAsync(id, cancellationToken).ConfigureAwait(false) : null;
        if (by is null || !by.HasRole(StaffRole.Deelschoolleider))
        {
            throw new ProtocolViolationException(ViolationCode.RoleNotAllowed,
                "Een straf geeft alleen de deelschoolleider. Kies de deelschoolleider die de straf gaf.",
                "Only the head of the sub-school gives a punishment. Choose who gave it.");
        }

        return new Punishment(description, new StaffRef(by.Id, StaffRole.Deelschoolleider));
    }
}
