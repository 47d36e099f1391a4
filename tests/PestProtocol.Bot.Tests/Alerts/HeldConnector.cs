using Microsoft.Extensions.DependencyInjection;
using PestProtocol.BotFramework.Connector;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Tests.Alerts;

/// <summary>
/// Holds one post in flight: the first call that <see cref="Matches"/> reaches the (fake) connector, so Teams shows the
/// card, but its answer is held back until <see cref="Release"/>, as a slow POST would be. Everything else passes through.
/// </summary>
internal sealed class HeldConnector(Func<string, string?, bool> matches)
{
    private readonly TaskCompletionSource _posted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    /// <summary>Which call to hold: the operation ("send" or "create") and the conversation id (null for a create).</summary>
    public Func<string, string?, bool> Matches { get; } = matches;

    /// <summary>Completes when the held call has reached the connector and waits for its answer.</summary>
    public Task Posted => _posted.Task;

    public void Release() => _released.TrySetResult();

    /// <summary>Wraps the app's connector client (registered by <c>AddBotConnector</c>) with this hold.</summary>
    public void Install(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IConnectorClient));
        services.Remove(original);
        services.AddTransient<IConnectorClient>(sp => new Client(Create(original, sp), this));
    }

    private static IConnectorClient Create(ServiceDescriptor descriptor, IServiceProvider services) =>
        descriptor.ImplementationFactory is { } factory ? (IConnectorClient)factory(services)
        : descriptor.ImplementationInstance is IConnectorClient instance ? instance
        : (IConnectorClient)ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);

    private async Task<T> HoldAsync<T>(string operation, string? conversationId, Func<Task<T>> call)
    {
        var result = await call();
        if (Matches(operation, conversationId) && Interlocked.Exchange(ref _held, 1) == 0)
        {
            _posted.TrySetResult();
            await _released.Task;
        }

        return result;
    }

    private sealed class Client(IConnectorClient inner, HeldConnector hold) : IConnectorClient
    {
        public Task<ConnectorResult<ResourceResponse>> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default) =>
            inner.ReplyToActivityAsync(serviceUrl, conversationId, activityId, activity, cancellationToken);

        public Task<ConnectorResult<ResourceResponse>> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken = default) =>
            hold.HoldAsync("send", conversationId, () => inner.SendToConversationAsync(serviceUrl, conversationId, activity, cancellationToken));

        public Task<ConnectorResult<ResourceResponse>> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default) =>
            inner.UpdateActivityAsync(serviceUrl, conversationId, activityId, activity, cancellationToken);

        public Task<ConnectorResult<bool>> DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken = default) =>
            inner.DeleteActivityAsync(serviceUrl, conversationId, activityId, cancellationToken);

        public Task<ConnectorResult<ConversationResourceResponse>> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken = default) =>
            hold.HoldAsync("create", null, () => inner.CreateConversationAsync(serviceUrl, parameters, cancellationToken));
    }
}
