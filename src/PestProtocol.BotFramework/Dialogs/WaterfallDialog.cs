using System.Text.Json;
using System.Text.Json.Nodes;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Dialogs;

/// <summary>One step of a waterfall: ask something (usually a prompt) or use the previous step's result.</summary>
public delegate Task<DialogTurnResult> WaterfallStep(WaterfallStepContext stepContext, CancellationToken cancellationToken);

/// <summary>
/// A dialog of steps run in order; each step's result (e.g. a prompt's answer) goes to the next.
/// Its state is <c>{ stepIndex, options, values }</c>, all JSON.
/// </summary>
public class WaterfallDialog : Dialog
{
    internal const string StepIndexKey = "stepIndex";
    internal const string OptionsKey = "options";
    internal const string ValuesKey = "values";

    private readonly List<WaterfallStep> _steps;

    public WaterfallDialog(string dialogId, IEnumerable<WaterfallStep>? steps = null)
        : base(dialogId)
    {
        _steps = steps is null ? [] : [.. steps];
    }

    /// <summary>Adds a step at the end.</summary>
    public WaterfallDialog AddStep(WaterfallStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        _steps.Add(step);
        return this;
    }

    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var state = dc.ActiveDialog!.State;
        state[OptionsKey] = DialogValues.ToNode(options);
        state[ValuesKey] = new JsonObject();
        return RunStepAsync(dc, 0, DialogReason.BeginCalled, null, cancellationToken);
    }

    public override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var type = dc.Context.Activity.Type;
        if (type != ActivityTypes.Message && type != ActivityTypes.Invoke)
        {
            return Task.FromResult(DialogTurnResult.EndOfTurn);
        }

        return ResumeDialogAsync(dc, DialogReason.ContinueCalled, dc.Context.Activity.Text, cancellationToken);
    }

    public override Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var index = dc.ActiveDialog!.State.GetInt(StepIndexKey);
        return RunStepAsync(dc, index + 1, reason, result, cancellationToken);
    }

    /// <summary>Runs the step at <paramref name="index"/>, or ends the dialog after the last step.</summary>
    protected virtual async Task<DialogTurnResult> RunStepAsync(DialogContext dc, int index, DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        if (index >= _steps.Count)
        {
            return await dc.EndDialogAsync(result, cancellationToken).ConfigureAwait(false);
        }

        var instance = dc.ActiveDialog!;
        instance.State[StepIndexKey] = index;
        var stepContext = new WaterfallStepContext(this, dc, instance, index, reason, result);
        return await _steps[index](stepContext, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>What a waterfall step sees: the previous result, the dialog's options and values, and the stack.</summary>
public sealed class WaterfallStepContext : DialogContext
{
    private readonly WaterfallDialog _waterfall;
    private readonly DialogInstance _instance;
    private bool _nextCalled;

    internal WaterfallStepContext(WaterfallDialog waterfall, DialogContext dc, DialogInstance instance, int index, DialogReason reason, object? result)
        : base(dc)
    {
        _waterfall = waterfall;
        _instance = instance;
        Index = index;
        Reason = reason;
        Result = result;
    }

    /// <summary>The step's position (0 = first step).</summary>
    public int Index { get; }

    public DialogReason Reason { get; }

    /// <summary>The previous step's result: a prompt's answer, a child dialog's result, or the user's text.</summary>
    public object? Result { get; }

    /// <summary>The options the dialog was begun with, as JSON (null when none).</summary>
    public JsonNode? Options => _instance.State[WaterfallDialog.OptionsKey];

    /// <summary>Values kept across the steps of this dialog (JSON; use <see cref="DialogValues.Get{T}"/>/<c>Set</c>).</summary>
    public JsonObject Values => _instance.State.GetOrAddObject(WaterfallDialog.ValuesKey);

    /// <summary>The begin options read as <typeparamref name="T"/>.</summary>
    public T? GetOptions<T>() => Options is { } node ? node.Deserialize<T>(BotJson.Options) : default;

    /// <summary>The result as <typeparamref name="T"/> (converting through JSON when it is not already a <typeparamref name="T"/>).</summary>
    public T? GetResult<T>() => Result switch
    {
        null => default,
        T typed => typed,
        var other => DialogValues.ToNode(other) is { } node ? node.Deserialize<T>(BotJson.Options) : default,
    };

    /// <summary>Skips to the next step with <paramref name="result"/> without waiting for the user.</summary>
    public Task<DialogTurnResult> NextAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        if (_nextCalled)
        {
            throw new InvalidOperationException($"NextAsync was already called in step {Index} of '{_waterfall.Id}'.");
        }

        _nextCalled = true;
        return _waterfall.ResumeDialogAsync(this, DialogReason.NextCalled, result, cancellationToken);
    }
}
