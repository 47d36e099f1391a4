namespace PestProtocol.Bot.Features.Records;

/// <summary>What was done with a dossier (or with everything held about one student).</summary>
public enum DossierAccessKind
{
    /// <summary>The dossier card was shown.</summary>
    Viewed = 0,

    /// <summary>A note for Magister was made of some of its entries.</summary>
    MagisterNote = 1,

    /// <summary>A link to the PDF was made.</summary>
    PdfRequested = 2,

    /// <summary>The PDF was downloaded through that link.</summary>
    PdfDownloaded = 3,

    /// <summary>A coordinator produced everything held about one student (AVG inzageverzoek).</summary>
    SubjectExported = 4,

    /// <summary>A coordinator erased what was held about one student (AVG verwijderverzoek).</summary>
    SubjectErased = 5,

    /// <summary>A note for the Magister logbook of the bully (his part of the case).</summary>
    BullyMagisterNote = 6,
}
