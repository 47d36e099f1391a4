using System.Globalization;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace PestProtocol.Bot.Notifications;

/// <summary><see cref="ITeamsGraph"/> on the Microsoft Graph SDK.</summary>
public sealed class GraphTeamsGraph(GraphServiceClient graph) : ITeamsGraph
{
    /// <inheritdoc />
    public async Task<string> InstallAppForUserAsync(string userId, string teamsAppCatalogId, CancellationToken cancellationToken)
    {
        var appBinding = $"{graph.RequestAdapter.BaseUrl?.TrimEnd('/')}/appCatalogs/teamsApps/{teamsAppCatalogId}";
        var installation = new UserScopeTeamsAppInstallation
        {
            AdditionalData = new Dictionary<string, object> { ["teamsApp@odata.bind"] = appBinding },
        };
        try
        {
            var created = await Call(() => graph.Users[userId].Teamwork.InstalledApps.PostAsync(installation, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (created?.Id is { Length: > 0 } id)
            {
                return id;
            }
        }
        catch (TeamsGraphException ex) when (ex.StatusCode == 409)
        {
            // Installed already: look the installation up below.
        }

        var existing = await Call(() => graph.Users[userId].Teamwork.InstalledApps.GetAsync(
            request =>
            {
                request.QueryParameters.Expand = ["teamsApp"];
                request.QueryParameters.Filter = $"teamsApp/id eq '{teamsAppCatalogId}'";
            },
            cancellationToken)).ConfigureAwait(false);
        return existing?.Value?.FirstOrDefault()?.Id ?? throw new TeamsGraphException(404, "InstallationNotFound", null);
    }

    /// <inheritdoc />
    public async Task<string> GetInstalledAppChatIdAsync(string userId, string installationId, CancellationToken cancellationToken)
    {
        var chat = await Call(() => graph.Users[userId].Teamwork.InstalledApps[installationId].Chat.GetAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
        return chat?.Id ?? throw new TeamsGraphException(404, "ChatNotFound", null);
    }

    /// <inheritdoc />
    public Task SendActivityNotificationAsync(string userId, ActivityFeedNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var body = new Microsoft.Graph.Users.Item.Teamwork.SendActivityNotification.SendActivityNotificationPostRequestBody
        {
            Topic = new TeamworkActivityTopic { Source = TeamworkActivityTopicSource.Text, Value = notice.TopicText, WebUrl = notice.WebUrl },
            ActivityType = notice.ActivityType,
            PreviewText = new ItemBody { Content = notice.PreviewText },
            TemplateParameters = [.. notice.TemplateParameters.Select(p => new Microsoft.Graph.Models.KeyValuePair { Name = p.Key, Value = p.Value })],
            ChainId = notice.ChainId,
        };
        return Call(async () =>
        {
            await graph.Users[userId].Teamwork.SendActivityNotification.PostAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        });
    }

    /// <inheritdoc />
    public Task SendMailAsync(string senderMailbox, string recipientUserId, string recipientAddress, string subject, string body, CancellationToken cancellationToken)
    {
        var request = new Microsoft.Graph.Users.Item.SendMail.SendMailPostRequestBody
        {
            Message = new Message
            {
                Subject = subject,
                Body = new ItemBody { ContentType = BodyType.Text, Content = body },
                ToRecipients = [new Recipient { EmailAddress = new EmailAddress { Address = recipientAddress } }],
            },
            SaveToSentItems = false,
        };
        return Call(async () =>
        {
            await graph.Users[senderMailbox].SendMail.PostAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        });
    }

    /// <summary>Runs a Graph call and turns its failures into <see cref="TeamsGraphException"/> (status, code, Retry-After only).</summary>
    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (ApiException ex)
        {
            var code = (ex as ODataError)?.Error?.Code;
            throw new TeamsGraphException(ex.ResponseStatusCode, code, ReadRetryAfter(ex.ResponseHeaders), ex);
        }
        catch (HttpRequestException ex)
        {
            throw new TeamsGraphException(0, "Unreachable", null, ex);
        }
        catch (TaskCanceledException ex) when (ex.InnerException is TimeoutException)
        {
            throw new TeamsGraphException(0, "Timeout", null, ex);
        }
    }

    private static TimeSpan? ReadRetryAfter(IDictionary<string, IEnumerable<string>>? headers)
    {
        if (headers is null)
        {
            return null;
        }

        foreach (var (name, values) in headers)
        {
            if (string.Equals(name, "Retry-After", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(Math.Max(0, seconds));
            }
        }

        return null;
    }
}

/// <summary>Used when no Graph client is configured: every call fails as not configured (the dispatcher then gives up and tells the coordinator).</summary>
public sealed class UnconfiguredTeamsGraph : ITeamsGraph
{
    public Task<string> InstallAppForUserAsync(string userId, string teamsAppCatalogId, CancellationToken cancellationToken) => throw NotConfigured();

    public Task<string> GetInstalledAppChatIdAsync(string userId, string installationId, CancellationToken cancellationToken) => throw NotConfigured();

    public Task SendActivityNotificationAsync(string userId, ActivityFeedNotice notice, CancellationToken cancellationToken) => throw NotConfigured();

    public Task SendMailAsync(string senderMailbox, string recipientUserId, string recipientAddress, string subject, string body, CancellationToken cancellationToken) => throw NotConfigured();

    private static TeamsGraphException NotConfigured() => new(501, "GraphNotConfigured", null);
}
