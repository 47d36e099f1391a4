using System.Text.Json;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Builder;

/// <summary>
/// An <see cref="IBot"/> that routes each activity to a handler by its type, as Bot Builder's
/// ActivityHandler does. Unknown types are acknowledged and ignored.
/// </summary>
public abstract class ActivityHandler : IBot
{
    public virtual Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.Activity.Type switch
        {
            ActivityTypes.Message => OnMessageActivityAsync(turnContext, cancellationToken),
            ActivityTypes.ConversationUpdate => OnConversationUpdateActivityAsync(turnContext, cancellationToken),
            ActivityTypes.InstallationUpdate => OnInstallationUpdateActivityAsync(turnContext, cancellationToken),
            ActivityTypes.Invoke => OnInvokeActivityAsync(turnContext, cancellationToken),
            _ => OnUnrecognizedActivityTypeAsync(turnContext, cancellationToken),
        };
    }

    protected virtual Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnConversationUpdateActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        // The bot itself being added (install) is reported too: in a personal chat that is the moment to greet.
        var added = turnContext.Activity.MembersAdded;
        return added is { Count: > 0 } ? OnMembersAddedAsync(added, turnContext, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Members added to the conversation, the bot included (compare with Activity.Recipient.Id).</summary>
    protected virtual Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnInstallationUpdateActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        turnContext.Activity.Action switch
        {
            "add" or "add-upgrade" => OnInstallationUpdateAddAsync(turnContext, cancellationToken),
            "remove" or "remove-upgrade" => OnInstallationUpdateRemoveAsync(turnContext, cancellationToken),
            _ => Task.CompletedTask,
        };

    protected virtual Task OnInstallationUpdateAddAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnInstallationUpdateRemoveAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Routes invokes by name; the handler's answer becomes the HTTP body.</summary>
    protected virtual async Task OnInvokeActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        switch (activity.Name)
        {
            case InvokeNames.AdaptiveCardAction:
                {
                    var value = activity.Value is { ValueKind: JsonValueKind.Object } v ? BotJson.Deserialize<AdaptiveCardInvokeValue>(v) : null;
                    if (value?.Action is null)
                    {
                        turnContext.InvokeResponse = new InvokeResponse(200, AdaptiveCardInvokeResponse.Error(400, "BadRequest", "Missing action."));
                        return;
                    }

                    var response = await OnAdaptiveCardInvokeAsync(turnContext, value, cancellationToken).ConfigureAwait(false);
                    turnContext.InvokeResponse ??= new InvokeResponse(200, response);
                    return;
                }

            case InvokeNames.ApplicationSearch:
                {
                    var value = activity.Value is { ValueKind: JsonValueKind.Object } v ? BotJson.Deserialize<SearchInvokeValue>(v) : null;
                    var response = await OnSearchInvokeAsync(turnContext, value ?? new SearchInvokeValue(), cancellationToken).ConfigureAwait(false);
                    turnContext.InvokeResponse ??= new InvokeResponse(200, response);
                    return;
                }

            default:
                turnContext.InvokeResponse ??= await OnUnrecognizedInvokeAsync(turnContext, cancellationToken).ConfigureAwait(false);
                return;
        }
    }

    protected virtual Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken) =>
        Task.FromResult(AdaptiveCardInvokeResponse.Error(501, "NotImplemented", "This action is not supported."));

    protected virtual Task<SearchInvokeResponse> OnSearchInvokeAsync(ITurnContext turnContext, SearchInvokeValue searchValue, CancellationToken cancellationToken) =>
        Task.FromResult(new SearchInvokeResponse());

    /// <summary>
    /// An invoke the bot does not know: 400 with the documented error body (Bot Builder answers 501, but an invoke name the
    /// manifest never declared is the client's mistake, and a 5xx would page whoever watches the server's errors).
    /// </summary>
    protected virtual Task<InvokeResponse?> OnUnrecognizedInvokeAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        Task.FromResult<InvokeResponse?>(new InvokeResponse(400, AdaptiveCardInvokeResponse.Error(400, "UnknownInvoke", "This invoke is not supported.")));

    protected virtual Task OnUnrecognizedActivityTypeAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;
}
