using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Cards.Alerts;

/// <summary>Dutch names of staff roles, as a mentor reads them on an alert card.</summary>
public static class RoleNames
{
    /// <summary>The role in lower case, e.g. "anti-pestcoördinator".</summary>
    public static string Of(StaffRole role) => role switch
    {
        StaffRole.Mentor => "mentor",
        StaffRole.Docent => "docent",
        StaffRole.Concierge => "conciërge",
        StaffRole.AntiPestCoordinator => "anti-pestcoördinator",
        StaffRole.Teamleider => "teamleider",
        StaffRole.InternBegeleider => "intern begeleider",
        StaffRole.Deelschoolleider => "deelschoolleider",
        _ => "medewerker",
    };

    /// <summary>"Een docent", "De mentor": who signalled, by role only.</summary>
    public static string Signaller(StaffRole role) => role switch
    {
        StaffRole.Mentor => "De mentor",
        StaffRole.AntiPestCoordinator => "De anti-pestcoördinator",
        _ => "Een " + Of(role),
    };
}
