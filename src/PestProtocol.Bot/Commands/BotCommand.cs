namespace PestProtocol.Bot.Commands;

/// <summary>Who may use a command.</summary>
public enum Audience
{
    Everyone,
    Staff,
    Student,
}

/// <summary>
/// A command a user can type (or pick from the command menu, or press on the help card) that starts a
/// dialog. Feature modules register one per dialog; the help card and the recogniser read them.
/// </summary>
/// <param name="Name">The command word, as in the app manifest's command list (e.g. "melding").</param>
/// <param name="Aliases">Other words and phrases that mean the same (e.g. "/melding", "melding maken").</param>
/// <param name="DialogId">The dialog the command begins.</param>
/// <param name="ButtonTitle">The help card's button.</param>
/// <param name="Description">One line on the help card.</param>
/// <param name="Audience">Who may use it; others get a kind explanation.</param>
/// <param name="ActivityName">What the user is busy with while the dialog runs, for "Wil je stoppen met …?".</param>
/// <param name="Order">Position on the help card.</param>
/// <param name="OpenToOthers">
/// The dialog also starts for people the command is not listed for, and decides itself what they see (e.g. a student who
/// types "thermometer" gets the open thermometer of their class, or Bijlage 2); without it they get the "not for you" answer.
/// </param>
public sealed record BotCommand(
    string Name,
    IReadOnlyList<string> Aliases,
    string DialogId,
    string ButtonTitle,
    string Description,
    Audience Audience,
    string ActivityName,
    int Order = 100,
    bool OpenToOthers = false)
{
    public bool IsFor(Audience audience) => Audience == Audience.Everyone || Audience == audience;
}
