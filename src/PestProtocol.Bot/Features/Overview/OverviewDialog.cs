using PestProtocol.Bot.Features.Overview.Cards;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Features.Overview;

/// <summary>
/// /overzicht: one card with my open cases (where each stands and what has to happen next) and, for an
/// anti-pestcoördinator, all open cases of their location. Asks nothing, so it ends in the same turn.
/// </summary>
public sealed class OverviewDialog(IDirectory directory, CaseViews views, TimeProvider time, Cases.TurnScoped<ICaseStore> cases) : Dialog(DialogId)
{
    public const string DialogId = "overzicht";

    public const string StaffOnlyText = "Dit overzicht is alleen voor medewerkers van de school.";

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var turn = dc.Context;
        var aadObjectId = turn.Activity.From?.AadObjectId;
        var person = string.IsNullOrEmpty(aadObjectId) ? null : await directory.FindPersonAsync(aadObjectId, cancellationToken).ConfigureAwait(false);
        if (person is not { IsStaff: true })
        {
            await turn.SendActivityAsync(StaffOnlyText, cancellationToken).ConfigureAwait(false);
            return await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var store = cases.In(turn);
        var coordinatorOf = CaseViews.CoordinatorLocationsOf(person);

        // A coordinator is a member of every case of their location: those are listed once, under the location.
        var mine = (await store.ListOpenCasesForMemberAsync(person.Id, cancellationToken).ConfigureAwait(false))
            .Where(c => !coordinatorOf.Contains(c.LocationId))
            .ToList();
        var sections = new List<OverviewSection>
        {
            new(OverviewCard.MySectionTitle, null, await views.LinesAsync(mine, cancellationToken).ConfigureAwait(false)),
        };
        foreach (var locationId in coordinatorOf)
        {
            var cases = await store.ListOpenCasesForLocationAsync(locationId, cancellationToken).ConfigureAwait(false);
            sections.Add(new OverviewSection(
                OverviewCard.LocationSectionTitle,
                await views.LocationNameAsync(locationId, cancellationToken).ConfigureAwait(false),
                await views.LinesAsync(cases, cancellationToken).ConfigureAwait(false)));
        }

        var today = DutchDates.DayOf(time.GetUtcNow());
        var card = OverviewCard.Build(sections, today);
        await turn.SendActivityAsync(Activity.CreateAttachmentMessage(card.ToAttachment()), cancellationToken).ConfigureAwait(false);
        return await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }
}
