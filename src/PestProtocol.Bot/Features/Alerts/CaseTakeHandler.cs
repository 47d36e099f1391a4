using System.Text.Json;
using PestProtocol.Bot.CardActions;
using PestProtocol.Bot.Features.Cases;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Features.Alerts;

/// <summary>
/// "Ik pak dit op" (<c>case.take</c>) and the alert card's refresh (<c>case.refresh</c>): reads the card's data (which
/// case and entry), calls <see cref="TakeCase"/> (who may, what is recorded) and answers with the updated card, or with
/// why it was not taken.
/// </summary>
/// <remarks>In a coordinators' channel the answer is the channel card (no student name): the whole channel sees it.</remarks>
public sealed class CaseTakeHandler(TurnScoped<TakeCase> takeCase, IDirectory directory, Microsoft.Extensions.Options.IOptions<NotificationOptions> options) : ICardActionHandler
{
    private const string NoAccess = "Je hebt geen toegang tot deze melding.";

    public IReadOnlyCollection<string> Verbs { get; } = [CaseAlertCard.TakeVerb, CaseAlertCard.RefreshVerb];

    public async Task<AdaptiveCardInvokeResponse> HandleAsync(ITurnContext turnContext, string verb, JsonElement data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (!TryReadIds(data, out var caseId, out var entryId))
        {
            return AdaptiveCardInvokeResponse.Message(NoAccess);
        }

        var inChannel = string.Equals(turnContext.Activity.Conversation?.ConversationType, "channel", StringComparison.OrdinalIgnoreCase);
        var result = await takeCase.In(turnContext).ExecuteAsync(
            turnContext.Activity.From?.AadObjectId, caseId, entryId, take: verb == CaseAlertCard.TakeVerb, fromChannel: inChannel, cancellationToken).ConfigureAwait(false);
        if (result.Outcome == TakeOutcome.NoAccess)
        {
            return AdaptiveCardInvokeResponse.Message(NoAccess);
        }

        if (result.Outcome == TakeOutcome.NotTaken || result.Case is null)
        {
            return AdaptiveCardInvokeResponse.Message(result.Message ?? "Deze melding bestaat niet meer.");
        }

        var refreshIds = turnContext.Activity.From?.Id is { Length: > 0 } mri ? new[] { mri } : [];
        var view = await CaseAlertViews.BuildAsync(directory, result.Case, result.Code ?? string.Empty, entryId, result.ActorRole, refreshIds, cancellationToken).ConfigureAwait(false);
        return view is null
            ? AdaptiveCardInvokeResponse.Message("Deze melding bestaat niet meer.")
            : AdaptiveCardInvokeResponse.Card(inChannel ? CaseAlertCard.BuildForChannel(view, options.Value.TeamsAppLink) : CaseAlertCard.Build(view));
    }

    private static bool TryReadIds(JsonElement data, out Guid caseId, out Guid entryId)
    {
        caseId = Guid.Empty;
        entryId = Guid.Empty;
        return data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty("caseId", out var c) && c.ValueKind == JsonValueKind.String && Guid.TryParse(c.GetString(), out caseId)
            && data.TryGetProperty("entryId", out var e) && e.ValueKind == JsonValueKind.String && Guid.TryParse(e.GetString(), out entryId);
    }
}
