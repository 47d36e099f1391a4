using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Domain.Cases;

// Route A – de leerling heeft het vermoeden dat de dader in zijn/haar klas zit (niet confronterend).
public sealed partial class Case
{
    /// <summary>A.1: the mentor treats bullying as a theme in class, without naming anyone.</summary>
    /// <param name="by">The mentor.</param>
    /// <param name="now">Moment of recording.</param>
    /// <param name="text">What was treated (e.g. what is bullying, its effects, a "pesttest").</param>
    /// <param name="digitalTipsDiscussed">The Bijlage 5 tips were discussed in class.</param>
    public DossierEntry A1ThemeInClass(StaffRef by, DateTimeOffset now, string text, bool digitalTipsDiscussed = false)
    {
        var to = EnsureAllowed(CaseCommand.A1ThemeInClass);
        RequireText(text);
        return Record(to, by, now, text, e => e with { DigitalTipsGiven = digitalTipsDiscussed });
    }

    /// <summary>A.2: afterwards the parents are informed of the steps taken.</summary>
    public DossierEntry A2InformParents(StaffRef by, DateTimeOffset now, ParentsInformation parents, string? text = null)
    {
        var to = EnsureAllowed(CaseCommand.A2InformParents);
        RequireParents(parents);
        return Record(to, by, now, text, e => e with { Parents = parents });
    }

    /// <summary>A.3: keep following the student; plan the next follow-up. May be repeated.</summary>
    public DossierEntry A3FollowUp(StaffRef by, DateTimeOffset now, DateTimeOffset followUpDate, string? text = null)
    {
        var to = EnsureAllowed(CaseCommand.A3FollowUp);
        RequireFollowUpDate(followUpDate, now);
        return Record(to, by, now, text, e => e with { FollowUpDate = followUpDate });
    }
}
