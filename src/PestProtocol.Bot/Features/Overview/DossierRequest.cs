using PestProtocol.Bot.Features.Records;

namespace PestProtocol.Bot.Features.Overview;

/// <summary>
/// What follows "dossier": a case code, optionally "magister" (with "vanaf stap 3" / "vanaf #3") or "pdf".
/// "dossier 2026-0007", "dossier 2026-0007 magister vanaf 3", "dossier 2026-0007 magister dader", "dossier 2026-0007 pdf".
/// </summary>
public sealed record DossierRequest(string Code, DossierRequest.Kind What, int? From)
{
    public enum Kind
    {
        Show,
        MagisterNote,
        Pdf,

        /// <summary>"magister dader": a note for the bully's own logbook.</summary>
        BullyMagisterNote,
    }

    /// <summary>Null when there is no code.</summary>
    public static DossierRequest? Parse(string? argument)
    {
        if (string.IsNullOrWhiteSpace(argument))
        {
            return null;
        }

        var words = argument.Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
        var code = words[0];
        var rest = words.Length > 1 ? words[1].Trim() : string.Empty;
        var lower = rest.ToLowerInvariant();
        if (lower.StartsWith("magister", StringComparison.Ordinal)
            && lower["magister".Length..].Trim() is "dader" or "pester" or "voor de dader" or "logboek dader")
        {
            return new DossierRequest(code, Kind.BullyMagisterNote, null);
        }

        if (lower.StartsWith("magister", StringComparison.Ordinal))
        {
            return new DossierRequest(code, Kind.MagisterNote, MagisterNote.ParseFrom(rest["magister".Length..]));
        }

        if (lower is "pdf" or "print" or "printen" or "afdrukken")
        {
            return new DossierRequest(code, Kind.Pdf, null);
        }

        return new DossierRequest(code, Kind.Show, null);
    }
}
