using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.State;

namespace PestProtocol.BotFramework.Dialogs;

/// <summary>A collection of dialogs that can call one another, and the accessor their stack is stored with.</summary>
public sealed class DialogSet
{
    private readonly Dictionary<string, Dialog> _dialogs = new(StringComparer.Ordinal);
    private readonly IStatePropertyAccessor<DialogState>? _dialogState;

    /// <summary>A set whose stack is read and written through <paramref name="dialogState"/> (usually conversation state).</summary>
    public DialogSet(IStatePropertyAccessor<DialogState> dialogState)
    {
        ArgumentNullException.ThrowIfNull(dialogState);
        _dialogState = dialogState;
    }

    /// <summary>A set without storage, used inside a <see cref="ComponentDialog"/>.</summary>
    public DialogSet()
    {
    }

    public IEnumerable<Dialog> Dialogs => _dialogs.Values;

    /// <summary>Adds a dialog; its id must be unique in the set.</summary>
    public DialogSet Add(Dialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        if (!_dialogs.TryAdd(dialog.Id, dialog))
        {
            throw new InvalidOperationException($"A dialog with id '{dialog.Id}' is already in the set.");
        }

        return this;
    }

    /// <summary>The dialog with this id, or null.</summary>
    public Dialog? Find(string dialogId) => _dialogs.GetValueOrDefault(dialogId);

    /// <summary>Loads the stack for this turn and wraps it in a <see cref="DialogContext"/>.</summary>
    public async Task<DialogContext> CreateContextAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (_dialogState is null)
        {
            throw new InvalidOperationException("This DialogSet has no state accessor; pass one to the constructor.");
        }

        var state = await _dialogState.GetAsync(turnContext, static () => new DialogState(), cancellationToken).ConfigureAwait(false);
        state.DialogStack ??= [];
        return new DialogContext(this, turnContext, state);
    }
}
