using PestProtocol.Domain.Localization;

namespace PestProtocol.Domain.Routes;

/// <summary>A route in the protocol's own words: when it applies and what the method is.</summary>
/// <param name="Route">The route.</param>
/// <param name="Title">"Route A", ...</param>
/// <param name="When">One line: when this route is chosen (the flowchart's text).</param>
/// <param name="Method">The method, as step 3 / step 4 of the protocol describes it.</param>
public sealed record RouteDescription(Route Route, LocalizedText Title, LocalizedText When, LocalizedText Method);

/// <summary>The route explanations, taken from the flowchart and from steps 3 and 4 of the protocol.</summary>
public static class RouteDescriptions
{
    /// <summary>Route A.</summary>
    public static readonly RouteDescription A = new(
        Route.A,
        new("Route A", "Route A"),
        new("De leerling heeft het vermoeden dat de dader in zijn/haar klas zit.",
            "The student suspects that the bully is in his/her class."),
        new("Dan kan er gekozen worden voor een niet confronterende methode. Het thema pesten kan in zijn algemeenheid in de klas aan de orde komen, zonder iemand er persoonlijk op aan te spreken. De groep speelt bij het pesten een belangrijke rol.",
            "A non-confronting method can then be chosen. Bullying as a theme can be discussed in general terms in class, without addressing anyone personally. The group plays an important part in bullying."));

    /// <summary>Route B.</summary>
    public static readonly RouteDescription B = new(
        Route.B,
        new("Route B", "Route B"),
        new("De leerling weet wie de dader is.", "The student knows who the bully is."),
        new("Dan kan er gekozen worden voor een confronterende methode, waarin de anti-pestcoördinator en de mentor afstemmen wie er met het slachtoffer en de dader in gesprek gaat of gaan. Wanneer blijkt dat de dader op een andere school zit, kan (in overleg met de teamleider) contact worden opgenomen met deze school.",
            "A confronting method can then be chosen, in which the anti-bullying coordinator and the mentor agree who will talk with the victim and the bully. If the bully turns out to attend another school, that school can be contacted (in consultation with the team leader)."));

    /// <summary>Route C.</summary>
    public static readonly RouteDescription C = new(
        Route.C,
        new("Route C", "Route C"),
        new("De leerling heeft geen idee wie de dader is.", "The student has no idea who the bully is."),
        new("Overleg dan met de leerling of het verstandig is om de ouders te vertellen wat er aan de hand is. Wanneer er bewijsmateriaal is zouden de ouders verdere stappen kunnen ondernemen.",
            "Then discuss with the student whether it is wise to tell the parents what is going on. If there is evidence, the parents could take further steps."));

    /// <summary>Route D.</summary>
    public static readonly RouteDescription D = new(
        Route.D,
        new("Route D", "Route D"),
        new("De dader is bekend.", "The bully is known."),
        new("Dan wordt er gekozen voor een confronterende methode, waarin er met het slachtoffer en de dader in gesprek wordt gegaan. Wanneer blijkt dat de dader op een andere school zit, kan (in overleg met de teamleider) contact worden opgenomen met deze school.",
            "A confronting method is then chosen, in which conversations are held with the victim and the bully. If the bully turns out to attend another school, that school can be contacted (in consultation with the team leader)."));

    /// <summary>Route E.</summary>
    public static readonly RouteDescription E = new(
        Route.E,
        new("Route E", "Route E"),
        new("De dader is onbekend.", "The bully is unknown."),
        new("Wanneer de dader onbekend is, heeft de anti-pestcoördinator en/of mentor (eventueel samen met de teamleider) een gesprek met het slachtoffer en de ouders.",
            "When the bully is unknown, the anti-bullying coordinator and/or mentor (possibly together with the team leader) has a conversation with the victim and the parents."));

    /// <summary>All five routes in order A–E.</summary>
    public static readonly IReadOnlyList<RouteDescription> All = [A, B, C, D, E];

    /// <summary>The description of one route.</summary>
    public static RouteDescription For(Route route) => All[(int)route];
}
