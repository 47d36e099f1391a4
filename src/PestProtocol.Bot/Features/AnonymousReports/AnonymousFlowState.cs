using System.Text.Json;

namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>
/// Recognises a conversation-state document in which an anonymous flow is waiting (its dialog is on the stack, at any
/// depth): such a document holds a student's unsent answers. Reads only the dialog ids, never the answers.
/// </summary>
public static class AnonymousFlowState
{
    /// <summary>The property the front door keeps its dialog stack in.</summary>
    public const string DialogStateProperty = "dialogState";

    /// <summary>Text every such document contains (a pre-filter for the store).</summary>
    public const string Marker = "anonymous-";

    private static readonly HashSet<string> FlowDialogIds = new(StringComparer.Ordinal) { AnonymousReportDialog.DialogId, AnonymousStatusDialog.DialogId };

    /// <summary>True when the document's dialog stack holds an anonymous report (or status) dialog.</summary>
    public static bool IsWaitingIn(JsonElement document) =>
        document.ValueKind == JsonValueKind.Object
        && document.TryGetProperty(DialogStateProperty, out var dialogState)
        && StackHoldsFlow(dialogState);

    private static bool StackHoldsFlow(JsonElement dialogState)
    {
        if (dialogState.ValueKind != JsonValueKind.Object || !dialogState.TryGetProperty("dialogStack", out var stack) || stack.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var instance in stack.EnumerateArray())
        {
            if (instance.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (instance.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && FlowDialogIds.Contains(id.GetString()!))
            {
                return true;
            }

            if (instance.TryGetProperty("inner", out var inner) && StackHoldsFlow(inner))
            {
                return true;
            }
        }

        return false;
    }
}
