using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PestProtocol.BotFramework.Builder;

namespace PestProtocol.BotFramework.Dialogs.Prompts;

/// <summary>
/// Asks for a date and returns a <see cref="DateOnly"/>. Understands Dutch input (see
/// <see cref="DutchDateRecognizer"/> for the rules) and an Input.Date submit (<c>{"date": "2027-03-12"}</c>).
/// "Today" is taken from <paramref name="clock"/> in <paramref name="timeZone"/> (default Europe/Amsterdam).
/// </summary>
public sealed class DatePrompt(string dialogId, TimeProvider? clock = null, TimeZoneInfo? timeZone = null, PromptValidator<DateOnly>? validator = null)
    : Prompt<DateOnly>(dialogId, validator)
{
    /// <summary>The key of an Input.Date in a card submit.</summary>
    public const string DataKey = "date";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly TimeZoneInfo _timeZone = timeZone ?? FindAmsterdam();

    /// <summary>Today's date in the prompt's time zone.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_clock.GetUtcNow(), _timeZone).DateTime);

    protected override Task<PromptRecognizerResult<DateOnly>> OnRecognizeAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var text = turnContext.Activity.Text;
        if (PromptCard.TryGetSubmittedData(turnContext.Activity, out var data)
            && data.TryGetProperty(DataKey, out var value) && value.ValueKind == JsonValueKind.String)
        {
            text = value.GetString();
        }

        return Task.FromResult(DutchDateRecognizer.TryRecognize(text, Today, out var date)
            ? new PromptRecognizerResult<DateOnly>(true, date)
            : PromptRecognizerResult<DateOnly>.Failed());
    }

    protected override string RetryText(DialogTexts texts, PromptOptions options) => texts.DateRetry;

    private static TimeZoneInfo FindAmsterdam()
    {
        foreach (var id in (string[])["Europe/Amsterdam", "W. Europe Standard Time"])
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
            {
                return zone;
            }
        }

        return TimeZoneInfo.Local;
    }
}
