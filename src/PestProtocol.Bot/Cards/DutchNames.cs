using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Cards;

/// <summary>The Dutch words staff use for roles, the parts people play in a case, and how parents were reached.</summary>
public static class DutchNames
{
    /// <summary>"mentor", "anti-pestcoördinator", "intern begeleider" …</summary>
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

    /// <summary>"slachtoffer", "dader", "omstander" …</summary>
    public static string Of(ParticipantRole role) => role switch
    {
        ParticipantRole.Victim => "slachtoffer",
        ParticipantRole.Bully => "dader",
        ParticipantRole.SuspectedBully => "vermoedelijke dader",
        ParticipantRole.Bystander => "omstander",
        ParticipantRole.VictimParents => "ouders van het slachtoffer",
        ParticipantRole.BullyParents => "ouders van de dader",
        ParticipantRole.Supporter => "ondersteuner",
        _ => "medewerker",
    };

    /// <summary>"telefonisch", "per e-mail" …</summary>
    public static string Of(ParentContactMethod method) => method switch
    {
        ParentContactMethod.Phone => "telefonisch",
        ParentContactMethod.InPerson => "in een gesprek op school",
        ParentContactMethod.Email => "per e-mail",
        ParentContactMethod.StudentSystemMessage => "via een bericht in het leerlingvolgsysteem",
        ParentContactMethod.Letter => "per brief",
        _ => "op een andere manier",
    };
}
