namespace PestProtocol.Domain.Cases;

/// <summary>What led to the suspicion in step 1.</summary>
public enum SuspicionTrigger
{
    /// <summary>Signals from Bijlage 1 were seen.</summary>
    Signals = 0,

    /// <summary>The class thermometer (Bijlage 2).</summary>
    Thermometer = 1,

    /// <summary>The student told the mentor (or another staff member) themselves.</summary>
    StudentToldStaff = 2,

    /// <summary>A colleague or the conciërge reported it.</summary>
    ColleagueReport = 3,

    /// <summary>An anonymous report by a student, taken up by staff.</summary>
    AnonymousStudentReport = 4,
}
