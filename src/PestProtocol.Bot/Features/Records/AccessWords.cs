namespace PestProtocol.Bot.Features.Records;

/// <summary>How an access-log line reads for a coordinator.</summary>
public static class AccessWords
{
    public static string Of(DossierAccess access)
    {
        ArgumentNullException.ThrowIfNull(access);
        var range = access is { FromSequence: { } from, ToSequence: { } to } ? (from == to ? $" (#{from})" : $" (#{from} t/m #{to})") : "";
        return access.Kind switch
        {
            DossierAccessKind.Viewed => "dossier bekeken",
            DossierAccessKind.MagisterNote => "notitie voor Magister gemaakt" + range,
            DossierAccessKind.BullyMagisterNote => "notitie voor het Magister-logboek van de dader gemaakt" + range,
            DossierAccessKind.PdfRequested => "PDF aangevraagd" + range,
            DossierAccessKind.PdfDownloaded => "PDF gedownload" + range,
            DossierAccessKind.SubjectExported => "alle gegevens over de leerling opgevraagd",
            DossierAccessKind.SubjectErased => "gegevens over de leerling gewist",
            _ => "onbekende handeling",
        };
    }
}
