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
        var name = person?.DisplayName ?? "een collega";
        var who = payload.RecipientRole is { } role ? $"{name} ({DutchNames.Of(role)})" : name;
        var summary = payload.CaseId is { } caseId ? await cases.GetSummaryAsync(caseId, cancellationToken).ConfigureAwait(false) : null;
        var subject = summary is null ? "een melding" : $"melding {summary.CaseCode}";
        List<Fact> facts = [new Fact("Voor", who)];
        if (summary is not null)
        {
            facts.Insert(0, new Fact("Dossier", summary.CaseCode));
        }

        facts.Add(new Fact("Pogingen", payload.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var card = CardParts.NewCard(
            CardParts.Heading(summary is null ? "Een bericht is niet aangekomen" : $"Bericht over melding {summary.CaseCode} niet aangekomen"),
            new FactSet { Facts = facts },
            CardParts.Paragraph($"{char.ToUpperInvariant(who[0])}{who[1..]} kon niet worden bereikt over {subject}: niet via Teams en niet per e-mail."),
            CardParts.Paragraph($"Breng {name} zelf op de hoogte van {subject}."));
        if (summary is not null)
        {
            card.Body!.Add(new ActionSet(CardParts.CommandButton("Open dossier", "dossier " + summary.CaseCode)));
        }

        card.FallbackText = "Een bericht van PestProtocol is niet aangekomen. Open de app in Teams.";
        return card;
    }
}
