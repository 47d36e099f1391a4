namespace PestProtocol.Domain.Dossier;

/// <summary>What kind of dossier entry this is.</summary>
public enum DossierEntryKind
{
    /// <summary>A protocol step was carried out (the case moved along the flowchart).</summary>
    StepTaken = 0,

    /// <summary>A free note in the current step (e.g. the suspicion is still being looked into).</summary>
    Note = 1,

    /// <summary>A correction of an earlier entry; <see cref="DossierEntry.CorrectionOf"/> names it.</summary>
    Correction = 2,

    /// <summary>The case was closed.</summary>
    Closed = 3,

    /// <summary>A closed case was reopened.</summary>
    Reopened = 4,

    /// <summary>Route E switched to route D because the suspect admitted (E.1).</summary>
    RouteSwitched = 5,

    /// <summary>The planned follow-up day came: the case's owner was sent the card "Hoe gaat het met …?".</summary>
    FollowUpReminderSent = 6,

    /// <summary>The follow-up was not answered within the grace period: the location's coordinator was told.</summary>
    FollowUpOverdue = 7,

    /// <summary>The case was handed over to another colleague (<see cref="DossierEntry.Participants"/> names the new owner).</summary>
    HandedOver = 8,

    /// <summary>
    /// D.5/E.4: how it goes with one bully followed (his own follow-up, apart from the victim's);
    /// <see cref="DossierEntry.Participants"/> names him. The case stays in its step.
    /// </summary>
    BullyFollowUp = 9,
}
