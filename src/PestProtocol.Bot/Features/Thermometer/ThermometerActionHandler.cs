using System.Text.Json;
using PestProtocol.Bot.CardActions;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Features.Thermometer;

/// <summary>The student's buttons on the thermometer cards (Action.Execute): the answer replaces the card in place.</summary>
public sealed class ThermometerActionHandler(IServiceScopeFactory scopes) : ICardActionHandler
{
    public IReadOnlyCollection<string> Verbs { get; } = [ThermometerCards.BeginVerb, ThermometerCards.BlockVerb];

    public async Task<AdaptiveCardInvokeResponse> HandleAsync(ITurnContext turnContext, string verb, JsonElement data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        await using var scope = scopes.CreateAsyncScope();
        var fillIn = scope.ServiceProvider.GetRequiredService<FillInThermometer>();
        var (card, message) = await fillIn.HandleAsync(turnContext.Activity.From?.AadObjectId, verb, data, cancellationToken).ConfigureAwait(false);
        return card is not null ? AdaptiveCardInvokeResponse.Card(card) : AdaptiveCardInvokeResponse.Message(message ?? FillInThermometer.UnknownSurveyText);
    }
}
