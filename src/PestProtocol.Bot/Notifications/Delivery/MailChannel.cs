using Microsoft.Extensions.Options;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Connector;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Notifications.Delivery;

/// <summary>Mail from the configured sender mailbox (Graph), without names or details.</summary>
public sealed class MailChannel(ITeamsGraph graph, NotificationRateLimits limits, IOptions<NotificationOptions> options) : IDeliveryChannel
{
    public string Name => DeliveryChannels.Mail;

    public async Task<DeliveryAttempt> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var userId = request.Message.RecipientId!;
        var person = await request.Services.GetRequiredService<IDirectory>().FindPersonAsync(userId, cancellationToken).ConfigureAwait(false);
        var sender = options.Value.MailSender;
        if (string.IsNullOrWhiteSpace(sender) || person?.Email is not { Length: > 0 } address)
        {
            return DeliveryAttempt.Failure(Name, "NoMailAddress", transient: false);
        }

        try
        {
            await limits.WaitAsync(null, cancellationToken).ConfigureAwait(false);
            await graph.SendMailAsync(sender, userId, address, DeliveryTexts.MailSubjectFor(request.Message.Kind), DeliveryTexts.MailBodyFor(request.Message.Kind, options.Value.TeamsAppLink), cancellationToken).ConfigureAwait(false);
            return DeliveryAttempt.Sent(Name, null, null, null);
        }
        catch (TeamsGraphException ex)
        {
            return DeliveryAttempt.From(Name, ex);
        }
    }
}
