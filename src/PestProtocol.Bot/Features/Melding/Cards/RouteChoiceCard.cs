using PestProtocol.BotFramework.Cards;
using PestProtocol.Domain.Appendices;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Routes;
using static PestProtocol.Bot.Cards.CardParts;
using static PestProtocol.Bot.Features.Melding.Cards.MeldingCardParts;
using Route = PestProtocol.Domain.Routes.Route;

namespace PestProtocol.Bot.Features.Melding.Cards;

/// <summary>Stap 3 (route A, B, C, chosen with the student) and stap 4 (route D or E, when the bullying goes on).</summary>
public static class RouteChoiceCard
{
    /// <summary>The "chosen together with the student" toggle.</summary>
    public const string ChosenWithStudent = "samenMetLeerling";

    /// <summary>The label of <see cref="ChosenWithStudent"/>.</summary>
    public const string ChosenWithStudentLabel = "Deze keuze is samen met de leerling gemaakt";

    /// <summary>An optional note.</summary>
    public const string Note = "toelichting";

    /// <summary>Stap 3: A, B or C, with the student.</summary>
    public static AdaptiveCard Step3(string code, Case @case)
    {
        var card = StepCard("Stap 3 – Kies samen met de leerling een route", code, @case,
            "Kies de route samen met de leerling. Welke past bij wat de leerling weet over de dader?");
        AddRoutes(card, @case, [Route.A, Route.B, Route.C]);
        card.Body!.Add(Toggle(ChosenWithStudent, ChosenWithStudentLabel));
        card.Body!.Add(Text(Note, "Toelichting (niet verplicht)", multiline: true));
        var tick = new Dictionary<string, string> { [ChosenWithStudent] = ChosenWithStudentLabel };
        card.Actions = [.. new[] { Route.A, Route.B, Route.C }.Select(r => Answer(RouteDescriptions.For(r).Title.Nl, r.ToString(), ticked: tick)), LaterButton()];
        return card;
    }

    /// <summary>Stap 4: D or E (after route B only D: the bully is known).</summary>
    public static AdaptiveCard Step4(string code, Case @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var card = StepCard(StepTitles.For(ProtocolStep.Step4BullyingContinues), code, @case,
            "Het pesten gaat door. Kies de route: is de dader bekend of niet?");
        var routes = new[] { Route.D, Route.E }.Where(r => @case.IsAllowed(CaseTransitions.ChooseCommand(r))).ToList();
        AddRoutes(card, @case, routes);
        card.Body!.Add(Text(Note, "Toelichting (niet verplicht)", multiline: true));
        card.Actions = [.. routes.Select(r => Answer(RouteDescriptions.For(r).Title.Nl, r.ToString())), LaterButton()];
        return card;
    }

    private static void AddRoutes(AdaptiveCard card, Case @case, IEnumerable<Route> routes)
    {
        foreach (var description in routes.Select(RouteDescriptions.For))
        {
            card.Body!.Add(new Container
            {
                Style = ContainerStyle.Emphasis,
                Spacing = Spacing.Medium,
                Items = [SubHeading($"{description.Title.Nl}: {description.When.Nl}"), Subtle(description.Method.Nl)],
            });
        }

        if (@case.IsDigital)
        {
            card.Body!.Add(Paragraph("Het gaat om digitaal pesten: geef de leerling in elke route de tips van bijlage 5."));
            card.Body!.Add(new ActionSet(AppendixButton(AppendixId.Bijlage5, "Bijlage 5: tips digitale pesterijen")));
        }
    }
}
