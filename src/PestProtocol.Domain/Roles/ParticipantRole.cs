namespace PestProtocol.Domain.Roles;

/// <summary>The part a person plays in one case (a conversation, an agreement, a signature).</summary>
public enum ParticipantRole
{
    /// <summary>Slachtoffer: the student who is bullied.</summary>
    Victim = 0,

    /// <summary>Dader: the student who bullies.</summary>
    Bully = 1,

    /// <summary>Vermoede dader: a student suspected of bullying (route E.1).</summary>
    SuspectedBully = 2,

    /// <summary>Omstander: a bystander.</summary>
    Bystander = 3,

    /// <summary>Ouders/verzorgers van het slachtoffer.</summary>
    VictimParents = 4,

    /// <summary>Ouders/verzorgers van de dader.</summary>
    BullyParents = 5,

    /// <summary>Ondersteuner: a supporter in a restorative conference (Bijlage 8).</summary>
    Supporter = 6,

    /// <summary>A staff member taking part (mentor, coordinator, IB, ...).</summary>
    Staff = 7,
}
