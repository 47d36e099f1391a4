using System.Globalization;
using System.Text.Json;
using PestProtocol.Domain.Thermometer;

namespace PestProtocol.Bot.Features.Thermometer;

/// <summary>
/// The answers so far as a compact string in the card's data ("g=2;a=3;b1.mening=4;…"), and back. Reading is strict:
/// an unknown item, a score off the scale or junk is left out, so a tampered card can only make a student answer again.
/// </summary>
public static class DraftCodec
{
    /// <summary>The draft as text.</summary>
    public static string Write(ThermometerDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var parts = new List<string>
        {
            "g=" + ((int)draft.Gender).ToString(CultureInfo.InvariantCulture),
            "a=" + ((int)draft.Afdeling).ToString(CultureInfo.InvariantCulture),
        };
        parts.AddRange(ThermometerQuestionnaire.Items
            .Where(i => draft.Scores.ContainsKey(i.Id))
            .Select(i => $"{i.Id}={draft.Scores[i.Id].ToString(CultureInfo.InvariantCulture)}"));
        return string.Join(';', parts);
    }

    /// <summary>The draft a card carried; an empty draft for anything unreadable.</summary>
    public static ThermometerDraft Read(JsonElement data, string key)
    {
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty(key, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return ThermometerDraft.Empty;
        }

        var text = value.GetString() ?? string.Empty;
        if (text.Length > 4000)
        {
            return ThermometerDraft.Empty;
        }

        var gender = ThermometerGender.ZegIkLieverNiet;
        var afdeling = ThermometerAfdeling.ZegIkLieverNiet;
        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !int.TryParse(part.AsSpan(eq + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                continue;
            }

            var name = part[..eq];
            if (name == "g" && Enum.IsDefined((ThermometerGender)n))
            {
                gender = (ThermometerGender)n;
            }
            else if (name == "a" && Enum.IsDefined((ThermometerAfdeling)n))
            {
                afdeling = (ThermometerAfdeling)n;
            }
            else if (ThermometerQuestionnaire.Find(name) is not null && ThermometerQuestionnaire.IsOnScale(n))
            {
                scores[name] = n;
            }
        }

        return new ThermometerDraft(gender, afdeling, scores);
    }
}
