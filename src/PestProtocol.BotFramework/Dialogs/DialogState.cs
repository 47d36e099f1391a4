using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace PestProtocol.BotFramework.Dialogs;

/// <summary>
/// The persisted dialog stack of one conversation. Plain JSON (System.Text.Json) all the way down,
/// so it survives being stored and read back after a restart.
/// </summary>
public sealed class DialogState
{
    /// <summary>The stack; the active dialog is the LAST element (index Count-1).</summary>
    [JsonPropertyName("dialogStack")] public List<DialogInstance> DialogStack { get; set; } = [];
}

/// <summary>One running dialog: which dialog and its own JSON state.</summary>
public sealed class DialogInstance
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";

    /// <summary>The dialog's private state (values, step index, options, inner stack, …).</summary>
    [JsonPropertyName("state")] public JsonObject State { get; set; } = [];

    /// <summary>A <see cref="ComponentDialog"/>'s own stack (null for other dialogs); stored with the outer stack, no extra serialisation.</summary>
    [JsonPropertyName("inner")] public DialogState? Inner { get; set; }
}

/// <summary>How a turn of the dialog system ended.</summary>
public enum DialogTurnStatus
{
    /// <summary>No dialog was active and none was started.</summary>
    Empty,
    /// <summary>A dialog is waiting for the user's next activity.</summary>
    Waiting,
    /// <summary>The last dialog on the stack ended, with <see cref="DialogTurnResult.Result"/>.</summary>
    Complete,
    /// <summary>The dialogs were cancelled.</summary>
    Cancelled,
    /// <summary>A card submit arrived from a card that belongs to no active prompt; the user was told so.</summary>
    Stale,
}

/// <summary>Why a dialog is ending or being resumed.</summary>
public enum DialogReason
{
    BeginCalled,
    ContinueCalled,
    EndCalled,
    ReplaceCalled,
    CancelCalled,
    NextCalled,
}

/// <summary>The outcome of a dialog turn.</summary>
public sealed record DialogTurnResult(DialogTurnStatus Status, object? Result = null)
{
    /// <summary>The shared "waiting for the user" result.</summary>
    public static DialogTurnResult EndOfTurn { get; } = new(DialogTurnStatus.Waiting);

    internal static DialogTurnResult EmptyResult { get; } = new(DialogTurnStatus.Empty);
}
