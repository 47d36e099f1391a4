namespace PestProtocol.Bot.Tests;

/// <summary>
/// Case codes as the bot gives them to cases a test opens with the real clock: <c>&lt;year&gt;-&lt;number&gt;</c>, the
/// year being the UTC year the case was opened (CaseStore: <c>snapshot.OpenedAt.Year</c>, from
/// <see cref="TimeProvider.System"/>), numbered per location from 1. Tests that expect or type such a code use these,
/// so they keep passing after New Year; tests with a fixed clock or a code they chose themselves keep their literals.
/// </summary>
internal static class CaseCodes
{
    /// <summary>The current UTC year, as a case opened now gets it in its code.</summary>
    public static int ThisYear => TimeProvider.System.GetUtcNow().Year;

    /// <summary>The code of the first case opened in a location this year, e.g. "2026-0001".</summary>
    public static string First => Nth(1);

    /// <summary>The code of the <paramref name="number"/>th case opened in a location this year.</summary>
    public static string Nth(int number) => $"{ThisYear}-{number:0000}";
}
