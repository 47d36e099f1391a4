using PestProtocol.Bot.Bots;
using PestProtocol.Bot.Middleware;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Schema;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Features.CoordinatorsChannel;

/// <summary>
/// <c>@PestProtocol koppel kanaal</c> / <c>ontkoppel kanaal</c>, typed in a Teams channel: an anti-pest coordinator makes
/// this channel the coordinators' channel of their location (or removes the link). One turn, no questions; a coordinator
/// of several locations names the location after the command ("koppel kanaal De Wilgen").
/// </summary>
public sealed class CoordinatorsChannelDialog : Dialog
{
    public const string LinkDialogId = "coordinatorsChannel.link";
    public const string UnlinkDialogId = "coordinatorsChannel.unlink";

    private readonly IDirectory _directory;
    private readonly bool _link;

    private CoordinatorsChannelDialog(string id, bool link, IDirectory directory)
        : base(id)
    {
        _link = link;
        _directory = directory;
    }

    /// <summary>The dialog behind <c>koppel kanaal</c>.</summary>
    public static CoordinatorsChannelDialog Link(IDirectory directory) => new(LinkDialogId, link: true, directory);

    /// <summary>The dialog behind <c>ontkoppel kanaal</c>.</summary>
    public static CoordinatorsChannelDialog Unlink(IDirectory directory) => new(UnlinkDialogId, link: false, directory);

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var turnContext = dc.Context;
        var reply = await AnswerAsync(turnContext.Activity, (options as CommandOptions)?.Argument, turnContext, cancellationToken).ConfigureAwait(false);
        await turnContext.SendActivityAsync(reply, cancellationToken).ConfigureAwait(false);
        return await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> AnswerAsync(Activity activity, string? argument, BotFramework.Builder.ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var command = _link ? "koppel kanaal" : "ontkoppel kanaal";
        var channelData = activity.GetTeamsChannelData();
        var channelId = channelData?.Channel?.Id ?? channelData?.TeamsChannelId;
        if (!IsChannel(activity) || string.IsNullOrWhiteSpace(channelId))
        {
            return $"Dit werkt alleen in een kanaal van een team. Ga naar het kanaal van de anti-pestcoördinatoren en typ daar: @PestProtocol {command}.";
        }

        var actorId = activity.From?.AadObjectId;
        var person = string.IsNullOrWhiteSpace(actorId) ? null : await _directory.FindPersonAsync(actorId, cancellationToken).ConfigureAwait(false);
        var coordinatorOf = person is { IsStaff: true }
            ? person.Roles.Where(r => r.Role == StaffRole.AntiPestCoordinator).Select(r => r.LocationId).Distinct(StringComparer.Ordinal).ToList()
            : [];
        if (person is null || coordinatorOf.Count == 0)
        {
            return _link
                ? "Alleen een anti-pestcoördinator kan een kanaal koppelen. Vraag de anti-pestcoördinator van je locatie om dit te doen."
                : "Alleen een anti-pestcoördinator kan een kanaal ontkoppelen. Vraag de anti-pestcoördinator van je locatie om dit te doen.";
        }

        var locations = await _directory.GetLocationsAsync(cancellationToken).ConfigureAwait(false);
        string NameOf(string id) => locations.FirstOrDefault(l => l.Id == id)?.Name ?? id;
        string? locationId;
        if (!string.IsNullOrWhiteSpace(argument))
        {
            var wanted = argument.Trim();
            locationId = coordinatorOf.FirstOrDefault(id => string.Equals(id, wanted, StringComparison.OrdinalIgnoreCase)
                || string.Equals(NameOf(id), wanted, StringComparison.CurrentCultureIgnoreCase));
            if (locationId is null)
            {
                return $"Je bent geen anti-pestcoördinator van locatie '{wanted}'. Je kunt kiezen uit: {string.Join(", ", coordinatorOf.Select(NameOf))}.";
            }
        }
        else if (coordinatorOf.Count == 1)
        {
            locationId = coordinatorOf[0];
        }
        else
        {
            return $"Je bent anti-pestcoördinator van meer locaties. Typ erbij welke, bijvoorbeeld: @PestProtocol {command} {NameOf(coordinatorOf[0])}. Je kunt kiezen uit: {string.Join(", ", coordinatorOf.Select(NameOf))}.";
        }

        var channels = turnContext.GetService<ICoordinatorsChannels>();
        var location = NameOf(locationId);
        if (_link)
        {
            var teamId = channelData?.Team?.Id ?? channelData?.TeamsTeamId ?? string.Empty;
            var tenantId = channelData?.Tenant?.Id ?? activity.Conversation?.TenantId;
            await channels.LinkAsync(
                new CoordinatorsChannel(locationId, teamId, channelId, channelData?.Channel?.Name, activity.ServiceUrl ?? string.Empty, tenantId, CoordinatorsChannelSource.Linked),
                person.Id,
                cancellationToken).ConfigureAwait(false);
            return $"Gekoppeld. Meldingen voor de anti-pestcoördinatoren van {location} komen vanaf nu ook in dit kanaal, als nieuw gesprek. "
                + "Er staan geen namen van leerlingen in; iedereen in dit kanaal kan ze zien, maar alleen wie bij een melding hoort kan hem oppakken of het dossier openen. "
                + "Stoppen? Typ: @PestProtocol ontkoppel kanaal.";
        }

        var removed = await channels.UnlinkAsync(locationId, cancellationToken).ConfigureAwait(false);
        var remaining = await channels.FindAsync(locationId, cancellationToken).ConfigureAwait(false);
        var text = removed
            ? $"Ontkoppeld. Meldingen voor de anti-pestcoördinatoren van {location} komen niet meer in dit kanaal."
            : $"Er was geen kanaal gekoppeld voor {location}.";
        return remaining is null
            ? text
            : text + " Let op: in de instellingen van PestProtocol staat nog een kanaal voor deze locatie; daar komen de meldingen nu. Vraag de beheerder om dat aan te passen.";
    }

    private static bool IsChannel(Activity activity) =>
        string.Equals(activity.Conversation?.ConversationType, "channel", StringComparison.OrdinalIgnoreCase)
        || activity.GetTeamsChannelData()?.Channel?.Id is { Length: > 0 };
}
