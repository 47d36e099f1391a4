namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>One answer a student can pick: a stable value (stored) and the words shown.</summary>
public sealed record ReportChoice(string Value, string Label);

/// <summary>The answers the anonymous report offers, in plain Dutch for a 12–16-year-old.</summary>
public static class ReportChoices
{
    /// <summary>The value of <see cref="Places"/> that means "online".</summary>
    public const string Online = "online";

    /// <summary>About yourself or someone else.</summary>
    public static readonly IReadOnlyList<ReportChoice> About =
    [
        new("zelf", "Over mij"),
        new("ander", "Over iemand anders"),
    ];

    /// <summary>Where it happens.</summary>
    public static readonly IReadOnlyList<ReportChoice> Places =
    [
        new("klas", "In de klas"),
        new("schoolgebouw", "Ergens anders in het schoolgebouw"),
        new("kantine", "In de kantine of aula"),
        new("schoolplein", "Op het schoolplein"),
        new("buurt", "In de buurt van school of onderweg"),
        new(Online, "Online (app, social media, games)"),
    ];

    /// <summary>Which platform, when it happens online.</summary>
    public static readonly IReadOnlyList<ReportChoice> Platforms =
    [
        new("whatsapp", "WhatsApp"),
        new("snapchat", "Snapchat"),
        new("tiktok", "TikTok"),
        new("instagram", "Instagram"),
        new("gaming", "In een game"),
        new("anders", "Iets anders"),
    ];

    /// <summary>Since when.</summary>
    public static readonly IReadOnlyList<ReportChoice> Since =
    [
        new("deze-week", "Deze week"),
        new("paar-weken", "Een paar weken"),
        new("langer-dan-maand", "Langer dan een maand"),
        new("weet-niet", "Weet ik niet"),
    ];

    /// <summary>How often.</summary>
    public static readonly IReadOnlyList<ReportChoice> Frequencies =
    [
        new("een-keer", "Eén keer"),
        new("soms", "Soms"),
        new("vaak", "Vaak"),
        new("elke-dag", "Elke dag"),
    ];

    /// <summary>The label of <paramref name="value"/> in <paramref name="choices"/>, or the value itself.</summary>
    public static string LabelOf(IReadOnlyList<ReportChoice> choices, string? value) =>
        choices.FirstOrDefault(c => c.Value == value)?.Label ?? value ?? "";

    /// <summary>The values of a list, for card validation.</summary>
    public static IReadOnlyList<string> Values(IReadOnlyList<ReportChoice> choices) => [.. choices.Select(c => c.Value)];
}
