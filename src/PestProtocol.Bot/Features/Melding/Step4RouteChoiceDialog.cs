using PestProtocol.Bot.Features.Cases;
using PestProtocol.Bot.Features.Melding.Cards;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;
using Route = PestProtocol.Domain.Routes.Route;

namespace PestProtocol.Bot.Features.Melding;

/// <summary>Stap 4 – het pesten gaat door: route D (de dader is bekend) or E (de dader is onbekend).</summary>
public sealed class Step4RouteChoiceDialog(CaseSteps steps) : CaseStepDialog(DialogId, steps)
{
    /// <summary>The dialog id.</summary>
    public const string DialogId = "melding.stap4";

    protected override Task<CaseScreen?> ScreenAsync(ITurnContext turnContext, LoadedCase loaded, CancellationToken cancellationToken) =>
        Task.FromResult<CaseScreen?>(new CaseScreen("stap4", RouteChoiceCard.Step4(loaded.Code, loaded.Case), [MeldingCardParts.Rule(RouteChoiceCard.Note, "Toelichting", maxLength: 2000)]));

    protected override Task<DialogTurnResult> OnAnswerAsync(WaterfallStepContext stepContext, Guid caseId, string screen, CardSubmit submit, CancellationToken cancellationToken)
    {
        var route = Enum.TryParse<Route>(submit.GetString(MeldingCardParts.ChoiceKey), out var r) ? r : Route.D;
        var note = submit.GetString(RouteChoiceCard.Note);
        return ApplyAsync(stepContext, caseId, (c, now) => c.Case.ChooseRoute(route, chosenWithStudent: false, c.Actor, now, string.IsNullOrWhiteSpace(note) ? null : note), cancellationToken);
    }
}
