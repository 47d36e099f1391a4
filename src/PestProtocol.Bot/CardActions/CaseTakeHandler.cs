using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PestProtocol.Bot.Cards.Alerts;
using PestProtocol.Bot.Middleware;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.CardActions;

/// <summary>
/// "Ik pak dit op" (<c>case.take</c>) and the alert card's refresh (<c>case.refresh</c>). The actor must be staff and a
/// member of the case; the card's data only says which case and entry it is about. Taking records a dossier note
/// ("opgepakt") and, in the same transaction, an <c>alert-update</c> outbox message for every other posted copy of the
/// alert; the answer is the updated card. Taking an alert someone already took answers who has it.
/// </summary>
/// <remarks>In a coordinators' channel the answer is the channel card (no student name): the whole channel sees it.</remarks>
public sealed class CaseTakeHandler(IDirectory directory, TimeProvider time, Microsoft.Extensions.Options.IOptions<NotificationOptions> options) : ICardActionHandler
{
    private const string NoAccess = "Je hebt geen toegang tot deze melding.";

    public IReadOnlyCollection<string> Verbs { get; } = [CaseAlertCard.TakeVerb, CaseAlertCard.RefreshVerb];

    public async Task<AdaptiveCardInvokeResponse> HandleAsync(ITurnContext turnContext, string verb, JsonElement data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var actorId = turnContext.Activity.From?.AadObjectId;
        if (string.IsNullOrWhiteSpace(actorId) || !TryReadIds(data, out var caseId, out var entryId))
        {
            return AdaptiveCardInvokeResponse.Message(NoAccess);
        }

        var actor = await directory.FindPersonAsync(actorId, cancellationToken).ConfigureAwait(false);
        var cases = turnContext.GetService<ICaseStore>();
        if (actor is not { IsStaff: true } || !await cases.IsMemberAsync(caseId, actorId, cancellationToken).ConfigureAwait(false))
        {
            return AdaptiveCardInvokeResponse.Message(NoAccess);
        }

        var members = await cases.ListMembersAsync(caseId, cancellationToken).ConfigureAwait(false);
        var actorRole = members.First(m => string.Equals(m.StaffId, actorId, StringComparison.OrdinalIgnoreCase)).Role;
        var refreshIds = turnContext.Activity.From?.Id is { Length: > 0 } mri ? new[] { mri } : [];
        var views = new CaseAlertViews(cases, directory);

        if (verb == CaseAlertCard.TakeVerb)
        {
            var taken = await TakeAsync(turnContext, cases, caseId, entryId, actorId, actorRole, members, cancellationToken).ConfigureAwait(false);
            if (taken is not null)
            {
                return AdaptiveCardInvokeResponse.Message(taken);
            }
        }

        var view = await views.LoadAsync(caseId, entryId, actorRole, refreshIds, cancellationToken).ConfigureAwait(false);
        var inChannel = string.Equals(turnContext.Activity.Conversation?.ConversationType, "channel", StringComparison.OrdinalIgnoreCase);
        return view is null
            ? AdaptiveCardInvokeResponse.Message("Deze melding bestaat niet meer.")
            : AdaptiveCardInvokeResponse.Card(inChannel ? CaseAlertCard.BuildForChannel(view, options.Value.TeamsAppLink) : CaseAlertCard.Build(view));
    }

    /// <summary>Records the take; returns a message for the user when it cannot (already taken, closed), else null.</summary>
    private async Task<string?> TakeAsync(ITurnContext turnContext, ICaseStore cases, Guid caseId, Guid entryId, string actorId, StaffRole actorRole, IReadOnlyList<CaseMember> members, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var @case = await cases.FindAsync(caseId, cancellationToken).ConfigureAwait(false);
            var entry = @case?.Dossier.FirstOrDefault(e => e.Id == entryId);
            if (@case is null || entry is null)
            {
                return "Deze melding bestaat niet meer.";
            }

            if (CaseAlertViews.FindTake(@case, entry) is { } take)
            {
                var person = await directory.FindPersonAsync(take.Actor.StaffId, cancellationToken).ConfigureAwait(false);
                var text = CaseAlertCard.TakenText(new AlertTaker(person?.DisplayName ?? "een collega", take.Actor.Role, take.RecordedAt));
                return "Deze melding is al " + char.ToLowerInvariant(text[0]) + text[1..] + ".";
            }

            try
            {
                var note = @case.AddNote(new StaffRef(actorId, actorRole), time.GetUtcNow(), CaseAlertViews.TakeNoteText);
                var planned = await turnContext.GetService<ICaseNotifier>().PlanAsync(@case, note, cancellationToken).ConfigureAwait(false);
                var db = turnContext.GetService<PestProtocolDbContext>();

                // The answer replaces the card that was clicked. In the actor's own chat that is their copy; from a
                // coordinators' channel it is the channel's, so the actor's own copy must change in place too.
                var fromChannel = string.Equals(turnContext.Activity.Conversation?.ConversationType, "channel", StringComparison.OrdinalIgnoreCase);
                var copies = await db.AlertCards.AsNoTracking()
                    .Where(a => a.SubjectId == caseId && (fromChannel || a.RecipientId != actorId))
                    .Select(a => a.RecipientId)
                    .ToListAsync(cancellationToken)
                    .ConfigureAwait(false);
                var now = time.GetUtcNow();
                var updates = copies.Select(recipient => OutboxMessage.Create(
                    AlertUpdatePayload.Kind,
                    $"{AlertUpdatePayload.Kind}:{note.Id:N}:{recipient}",
                    new AlertUpdatePayload(caseId, entryId, members.FirstOrDefault(m => string.Equals(m.StaffId, recipient, StringComparison.OrdinalIgnoreCase))?.Role ?? StaffRole.Mentor),
                    recipient,
                    now));
                await cases.SaveAsync(@case, [], [.. planned, .. updates], cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (CaseConcurrencyException) when (attempt == 0)
            {
                // Someone changed the case at the same moment (perhaps took it): look again.
            }
            catch (ProtocolViolationException ex)
            {
                return ex.Message;
            }
        }
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
