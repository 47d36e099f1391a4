namespace PestProtocol.Domain.Roles;

/// <summary>The role a staff member plays in the protocol.</summary>
public enum StaffRole
{
    /// <summary>Mentor: the class mentor; signals and leads steps 1–3 and most route steps.</summary>
    Mentor = 0,

    /// <summary>Docent: any teacher; signals and must inform the mentor and the coordinator at once.</summary>
    Docent = 1,

    /// <summary>Conciërge: caretaker, "the eyes and ears of the school"; signals like a teacher.</summary>
    Concierge = 2,

    /// <summary>Anti-pestcoördinator: one per location; involved from step 1 on.</summary>
    AntiPestCoordinator = 3,

    /// <summary>Teamleider: team leader of the student's department (routes B, D, E).</summary>
    Teamleider = 4,

    /// <summary>Intern begeleider / zorgfunctionaris (IB): care coordinator (routes B, D, E).</summary>
    InternBegeleider = 5,

    /// <summary>Deelschoolleider: head of the sub-school; may give a punishment in D.2.</summary>
    Deelschoolleider = 6,

    /// <summary>Any other staff member who signals (e.g. support staff).</summary>
    OtherStaff = 7,
}
