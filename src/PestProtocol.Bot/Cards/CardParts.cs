using PestProtocol.BotFramework.Cards;

namespace PestProtocol.Bot.Cards;

/// <summary>The few building blocks every PestProtocol card shares, so they look alike.</summary>
public static class CardParts
{
    public static AdaptiveCard NewCard(params CardElement[] body) => new()
    {
        Body = [.. body],
        MsTeams = MsTeamsCardProperties.FullWidth(),
    };

    public static TextBlock Heading(string text) => new(text) { Size = FontSize.Large, Weight = FontWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading };

    public static TextBlock SubHeading(string text) => new(text) { Weight = FontWeight.Bolder, Wrap = true, Spacing = Spacing.Medium };

    public static TextBlock Paragraph(string text) => new(text) { Wrap = true };

    public static TextBlock Subtle(string text) => new(text) { Wrap = true, IsSubtle = true, Size = FontSize.Small };

    /// <summary>A bulleted list as one wrapped text block (Teams renders "- " lines as a list).</summary>
    public static TextBlock Bullets(IEnumerable<string> items) => new(string.Join("\r", items.Select(i => "- " + i))) { Wrap = true };

    /// <summary>A button that sends a command, as if the user had typed it.</summary>
    public static ActionSubmit CommandButton(string title, string command) => new(title)
    {
        Data = new Dictionary<string, object?> { [Commands.CommandRecognizer.CommandDataKey] = command },
    };
}
