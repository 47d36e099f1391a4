namespace PestProtocol.Domain.Dossier;

/// <summary>How parents/guardians were reached. Parents are not Teams users: the bot records this, it does not notify them.</summary>
public enum ParentContactMethod
{
    /// <summary>Telefonisch.</summary>
    Phone = 0,

    /// <summary>In een gesprek op school.</summary>
    InPerson = 1,

    /// <summary>Per e-mail.</summary>
    Email = 2,

    /// <summary>Via een bericht in het leerlingvolgsysteem (bijv. Magister).</summary>
    StudentSystemMessage = 3,

    /// <summary>Per brief.</summary>
    Letter = 4,

    /// <summary>Anders (zie toelichting).</summary>
    Other = 5,
}

/// <summary>That the parents were informed: by whom, when, how, and (step 2) who takes which steps.</summary>
/// <param name="InformedByStaffId">Opaque id of the staff member who informed them.</param>
/// <param name="InformedAt">When they were informed.</param>
/// <param name="Method">How.</param>
/// <param name="WhoTakesWhichSteps">What the parents were told about who takes which steps (required in step 2).</param>
public sealed record ParentsInformation(
    string InformedByStaffId,
    DateTimeOffset InformedAt,
    ParentContactMethod Method,
    string? WhoTakesWhichSteps = null);
