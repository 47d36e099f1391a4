using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;

namespace PestProtocol.Bot.Notifications;

/// <summary>
/// Turns a dossier entry into the notifications the protocol requires (who must be informed is a
/// domain rule: <see cref="DossierEntry.InformedRoles"/>), addressed to real people from the directory.
/// The messages are stored in the same transaction as the case change (outbox) and sent later.
/// </summary>
public interface ICaseNotifier
{
    Task<IReadOnlyList<OutboxMessage>> PlanAsync(Case @case, DossierEntry entry, CancellationToken cancellationToken);
}
