namespace PestProtocol.Domain.Routes;

/// <summary>The routes of the protocol: A/B/C are chosen in step 3, D/E in step 4 when the bullying goes on.</summary>
public enum Route
{
    /// <summary>Route A: the student suspects the bully is in their own class (non-confronting).</summary>
    A = 0,

    /// <summary>Route B: the student knows who the bully is (confronting, mediation).</summary>
    B = 1,

    /// <summary>Route C: the student has no idea who the bully is.</summary>
    C = 2,

    /// <summary>Route D: the bullying goes on and the bully is known.</summary>
    D = 3,

    /// <summary>Route E: the bullying goes on and the bully is unknown.</summary>
    E = 4,
}

/// <summary>Which protocol step a route belongs to.</summary>
public static class RouteExtensions
{
    /// <summary>True for A, B and C (chosen in step 3).</summary>
    public static bool IsStep3Route(this Route route) => route is Route.A or Route.B or Route.C;

    /// <summary>True for D and E (chosen in step 4).</summary>
    public static bool IsStep4Route(this Route route) => route is Route.D or Route.E;
}
