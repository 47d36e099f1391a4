using PestProtocol.Bot.Cards;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Cards;

namespace PestProtocol.Bot.Features.Alerts;

/// <summary>
/// Renders <c>delivery-failed</c> messages: tells a coordinator that a colleague could not be reached (not in Teams,
/// not by mail), so they inform that person themselves.
/// </summary>
public sealed class DeliveryFailedCardRenderer(ICaseStore cases, IDirectory directory) : IAlertCardRenderer
{
    public string Kind => DeliveryFailedPayload.Kind;

    public async Task<AdaptiveCard?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = PayloadFields.Deserialize<DeliveryFailedPayload>(message.Payload);
        var person = await directory.FindPersonAsync(payload.RecipientId, cancellationToken).ConfigureAwait(false);
        var who = person?.DisplayName ?? "Een collega";
        if (payload.RecipientRole is { } role)
        {
            who += $" ({DutchNames.Of(role)})";
        }

        var card = CardParts.NewCard(
            CardParts.Heading("Een bericht is niet aangekomen"),
            CardParts.Paragraph($"{who} kon niet worden bereikt: niet via Teams en niet per e-mail ({payload.Attempts} pogingen)."),
            CardParts.Paragraph("Breng deze collega zelf op de hoogte van de melding."));
        if (payload.CaseId is { } caseId && await cases.GetSummaryAsync(caseId, cancellationToken).ConfigureAwait(false) is { } summary)
        {
            card.Body!.Add(new ActionSet(CardParts.CommandButton("Open dossier", "dossier " + summary.CaseCode)));
        }

        card.FallbackText = "Een bericht van PestProtocol is niet aangekomen. Open de app in Teams.";
        return card;
    }
}
