using PestProtocol.Bot.Persistence;
using PestProtocol.BotFramework.Testing;
using PestProtocol.BotFramework.Testing.Cards;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Routes;

namespace PestProtocol.Bot.Tests.Overview;

/// <summary>Cases built with the domain, the way the protocol moves them, and card checks shared by the overview tests.</summary>
internal static class OverviewTestCases
{
    public static readonly StaffRef MentorRef = new(BotHarness.Mentor, StaffRole.Mentor);
    public static readonly StaffRef CoordinatorRef = new(BotHarness.Coordinator, StaffRole.AntiPestCoordinator);

    public static readonly CaseMember[] MentorAndCoordinator =
    [
        new(BotHarness.Mentor, StaffRole.Mentor),
        new(BotHarness.Coordinator, StaffRole.AntiPestCoordinator),
    ];

    /// <summary>Monday 2 November 2026, 09:15 UTC = 10:15 in Amsterdam.</summary>
    public static readonly DateTimeOffset Opened = new(2026, 11, 2, 9, 15, 0, TimeSpan.Zero);

    public static Case Open(string studentRef, string className, DateTimeOffset at) =>
        Case.Open(new NewSuspicion(studentRef, className, BotHarness.Location, MentorRef, ["school.blauwe-plekken"], false, "Na de gymles huilend in de kleedkamer gezien."), at);

    /// <summary>Step 1 confirmed and step 2 done: the parents were phoned. Next: choose a route with the student.</summary>
    public static Case ParentsInformed(string studentRef, string className)
    {
        var c = Open(studentRef, className, Opened);
        c.ConfirmSuspicion(MentorRef, Opened.AddHours(2), "Oriënterend gesprek gevoerd; het vermoeden klopt.");
        c.InformParents(MentorRef, Opened.AddDays(1), new ParentsInformation(BotHarness.Mentor, Opened.AddDays(1), ParentContactMethod.Phone, "De mentor voert de gesprekken, de coördinator kijkt mee."));
        return c;
    }

    /// <summary>Route A up to A.3 with a follow-up on Tuesday 17 November (a week before "now": overdue).</summary>
    public static Case RouteAWithOverdueFollowUp(string studentRef, string className)
    {
        var c = ParentsInformed(studentRef, className);
        var at = Opened.AddDays(2);
        c.ChooseRoute(Route.A, chosenWithStudent: true, MentorRef, at);
        c.A1ThemeInClass(MentorRef, at.AddDays(1), "Les over pesten gegeven, niemand genoemd.");
        c.A2InformParents(MentorRef, at.AddDays(2), new ParentsInformation(BotHarness.Mentor, at.AddDays(2), ParentContactMethod.Email));
        c.A3FollowUp(MentorRef, at.AddDays(3), new DateTimeOffset(2026, 11, 17, 8, 0, 0, TimeSpan.Zero), "Het gaat beter.");
        return c;
    }

    /// <summary>The sent cards, each as the JSON Teams would receive.</summary>
    public static IReadOnlyList<ReceivedCard> SentCards(TestAdapter adapter) =>
        adapter.SentActivities.Select(ReceivedCard.From).OfType<ReceivedCard>().ToList();

    /// <summary>Every card valid for the Adaptive Card schema and for the adaptivecards JS parser.</summary>
    public static async Task AssertValidAsync(IEnumerable<ReceivedCard> cards)
    {
        var json = cards.Select(c => c.Json.ToJsonString()).ToList();
        Assert.NotEmpty(json);
        foreach (var card in json)
        {
            Assert.Empty(CardValidator.ValidateAgainstSchema(card));
        }

        Assert.Empty(await CardValidator.ValidateWithAdaptiveCardsJsAsync(json));
    }

    /// <summary>The command a button sends (Action.Submit data <c>{"command": …}</c>).</summary>
    public static IEnumerable<string> ButtonCommands(ReceivedCard card, string title) =>
        card.Actions.Where(a => (string?)a["title"] == title).Select(a => (string?)a["data"]?["command"] ?? "");
}
