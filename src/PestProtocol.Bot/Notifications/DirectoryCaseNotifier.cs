using PestProtocol.Bot.Features.Alerts;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Bot.Features.CoordinatorsChannel;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Notifications;

/// <summary>
/// Resolves the roles a dossier entry must inform to people: the student's mentor, and the role holders
/// at the case's location. The one who acted is not alerted about their own step. One message per person,
/// with a dedup key, so planning the same entry twice never sends twice. When the case's location has a coordinators'
/// channel, the coordinators' alert also gets its channel copy (<see cref="ChannelCopies"/>), planned here with the rest; an event the
/// protocol involves the coordinator in without an alert of its own goes on their grouped card (<see cref="CoordinatorDigestPlanner"/>).
/// </summary>
public sealed class DirectoryCaseNotifier(IDirectory directory, ChannelCopies channelCopies, CoordinatorDigestPlanner coordinatorDigest, TimeProvider time) : ICaseNotifier
{
    public async Task<IReadOnlyList<OutboxMessage>> PlanAsync(Case @case, DossierEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(entry);
        var recipients = new Dictionary<string, StaffRole>(StringComparer.OrdinalIgnoreCase);
        foreach (var role in entry.InformedRoles.Distinct())
        {
            if (role == StaffRole.Mentor)
            {
                var mentor = await directory.GetMentorAsync(@case.StudentRef, cancellationToken).ConfigureAwait(false);
                if (mentor is not null)
                {
                    recipients.TryAdd(mentor.Id, role);
                }

                continue;
            }

            foreach (var person in await directory.GetRoleHoldersAsync(@case.LocationId, role, cancellationToken).ConfigureAwait(false))
            {
                recipients.TryAdd(person.Id, role);
            }
        }

        recipients.Remove(entry.Actor.StaffId);
        var now = time.GetUtcNow();
        List<OutboxMessage> alerts = [.. recipients.Select(r => OutboxMessage.Create(
            CaseAlertPayload.Kind,
            $"{CaseAlertPayload.Kind}:{entry.Id:N}:{r.Key}",
            new CaseAlertPayload(@case.Id, entry.Id, entry.Step, r.Value),
            r.Key,
            now))];
        alerts.AddRange(await channelCopies.PlanAsync(@case.LocationId, alerts, cancellationToken).ConfigureAwait(false));
        alerts.AddRange(await coordinatorDigest.PlanAsync(@case, entry, now, cancellationToken).ConfigureAwait(false));
        return alerts;
    }
}
