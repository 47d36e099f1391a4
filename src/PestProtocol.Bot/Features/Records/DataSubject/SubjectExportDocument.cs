using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace PestProtocol.Bot.Features.Records.DataSubject;

/// <summary>The export as a readable text document (for a parent or the FG) and as JSON (for a system or a transfer).</summary>
public static class SubjectExportDocument
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    private static readonly TimeZoneInfo SchoolZone = TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Amsterdam", out var zone) ? zone : TimeZoneInfo.Utc;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>The JSON document (UTF-8, indented, Dutch property names).</summary>
    public static string ToJson(SubjectExport export) => JsonSerializer.Serialize(export, JsonOptions);

    /// <summary>The readable document: plain text, one section per case, every dossier entry with date, step, who, text and who took part.</summary>
    public static string ToText(SubjectExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        var s = new StringBuilder();
        var student = export.Student;
        s.AppendLine("OVERZICHT VAN ALLE GEGEVENS OVER EEN LEERLING (inzageverzoek AVG)");
        s.AppendLine(CultureInfo.InvariantCulture, $"Leerling: {student.Name}{(student.ClassName is { } klas ? $", klas {klas}" : "")}{(student.Location is { Length: > 0 } l ? $", {l}" : "")}");
        s.AppendLine(CultureInfo.InvariantCulture, $"Gemaakt op {When(export.MadeAt)} door {export.MadeBy} (anti-pestcoördinator).");
        s.AppendLine("Dit overzicht bevat alles wat de PestProtocol-bot over deze leerling bewaart. Het gaat over een minderjarige: geef het alleen aan de leerling of de ouders/verzorgers die erom vroegen.");
        s.AppendLine();

        Section(s, $"Meldingen waarin de leerling het slachtoffer is ({export.CasesAsVictim.Count})");
        if (export.CasesAsVictim.Count == 0)
        {
            s.AppendLine("Geen.");
        }

        foreach (var victimCase in export.CasesAsVictim)
        {
            Case(s, victimCase, whole: true);
        }

        Section(s, $"Meldingen over een andere leerling waarin deze leerling genoemd wordt ({export.CasesAsParticipant.Count})");
        if (export.CasesAsParticipant.Count == 0)
        {
            s.AppendLine("Geen.");
        }
        else
        {
            s.AppendLine("Van deze meldingen staan alleen de dossierregels hier waarin deze leerling genoemd wordt (bijvoorbeeld als dader); de rest gaat over een andere leerling.");
        }

        foreach (var otherCase in export.CasesAsParticipant)
        {
            Case(s, otherCase, whole: false);
        }

        Section(s, "Berichten over de leerling buiten een melding");
        if (export.MessagesAboutStudent.Count == 0)
        {
            s.AppendLine("Geen.");
        }

        foreach (var m in export.MessagesAboutStudent)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"- {When(m.CreatedAt)} · {m.Kind} · aan {m.Recipient ?? "-"} · {m.Status}");
            s.AppendLine(CultureInfo.InvariantCulture, $"  Inhoud: {m.Payload}");
        }

        Section(s, "Eerdere verzoeken om inzage of wissen");
        if (export.EarlierRequests.Count == 0)
        {
            s.AppendLine("Geen.");
        }

        foreach (var r in export.EarlierRequests)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"- {When(r.At)} · {r.Who} · {r.What}{(r.Reason is { } why ? $" · reden: {why}" : "")}");
        }

        Section(s, "Overig");
        s.AppendLine(export.TeamsAddressKept
            ? "- Het Teams-adres van de leerling is bewaard, zodat de bot de leerling een bericht kan sturen (geen inhoud)."
            : "- Er is geen Teams-adres van de leerling bewaard.");
        s.AppendLine(CultureInfo.InvariantCulture, $"- {export.AnonymousReports}");
        s.AppendLine("- Lopende gesprekken met de bot (half ingevulde kaarten) worden na 30 dagen zonder activiteit vanzelf gewist.");
        return s.ToString();
    }

    private static void Case(StringBuilder s, ExportedCase c, bool whole)
    {
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Melding {c.Code} · {c.Location} · geopend {When(c.OpenedAt)} · nu: {c.Step}");
        s.AppendLine(CultureInfo.InvariantCulture, $"Rol van de leerling: {string.Join(", ", c.StudentRoles)}");
        if (whole)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"Klas: {c.ClassName}");
            s.AppendLine(CultureInfo.InvariantCulture, $"Wat er gemeld is: {c.Description}");
            s.AppendLine(CultureInfo.InvariantCulture, $"Medewerkers bij deze melding: {(c.StaffMembers.Count == 0 ? "-" : string.Join(", ", c.StaffMembers))}");
        }

        s.AppendLine("Dossier:");
        foreach (var e in c.Entries)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"  #{e.Sequence} {When(e.RecordedAt)} · {e.Step} · {e.Actor}");
            if (!string.IsNullOrWhiteSpace(e.Text))
            {
                s.AppendLine(CultureInfo.InvariantCulture, $"     {e.Text.ReplaceLineEndings(" ")}");
            }

            if (e.Participants.Count > 0)
            {
                s.AppendLine(CultureInfo.InvariantCulture, $"     Betrokken: {string.Join(", ", e.Participants)}");
            }

            if (e.Agreements.Count > 0)
            {
                s.AppendLine(CultureInfo.InvariantCulture, $"     Afspraken: {string.Join("; ", e.Agreements)}");
            }

            if (e.Signatures.Count > 0)
            {
                s.AppendLine(CultureInfo.InvariantCulture, $"     Ondertekend door: {string.Join(", ", e.Signatures)}");
            }

            if (e.Punishment is { } punishment)
            {
                s.AppendLine(CultureInfo.InvariantCulture, $"     Straf: {punishment}");
            }

            if (e.FollowUpDate is { } day)
            {
                s.AppendLine(CultureInfo.InvariantCulture, $"     Vervolgmoment: {Day(day)}");
            }
        }

        if (!whole)
        {
            return;
        }

        s.AppendLine(CultureInfo.InvariantCulture, $"Meldingskaarten: {(c.Alerts.Count == 0 ? "geen" : string.Join(", ", c.Alerts.Select(a => $"{a.Recipient} ({When(a.PostedAt)})")))}");
        s.AppendLine(CultureInfo.InvariantCulture, $"Bezorgingen: {(c.Deliveries.Count == 0 ? "geen" : string.Join(", ", c.Deliveries.Select(d => $"{d.Recipient} via {d.Channel}: {d.Outcome} ({When(d.At)})")))}");
        s.AppendLine(CultureInfo.InvariantCulture, $"Berichten: {(c.Messages.Count == 0 ? "geen" : string.Join(", ", c.Messages.Select(m => $"{m.Kind} aan {m.Recipient ?? "-"} ({When(m.CreatedAt)}, {m.Status})")))}");
        s.AppendLine(CultureInfo.InvariantCulture, $"Vervolgtaken: {(c.FollowUpJobs.Count == 0 ? "geen" : string.Join(", ", c.FollowUpJobs.Select(j => $"{j.Kind} ({When(j.CreatedAt)}, {j.Status})")))}");
        s.AppendLine("Inzage-log van dit dossier:");
        if (c.AccessLog.Count == 0)
        {
            s.AppendLine("  (leeg)");
        }

        foreach (var a in c.AccessLog)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"  - {When(a.At)} · {a.Who} · {a.What}");
        }
    }

    private static void Section(StringBuilder s, string title)
    {
        s.AppendLine();
        s.AppendLine(title.ToUpper(Dutch));
        s.AppendLine(new string('-', Math.Min(title.Length, 80)));
    }

    private static string When(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, SchoolZone).ToString("ddd d MMM yyyy, HH:mm", Dutch);

    private static string Day(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, SchoolZone).ToString("dddd d MMMM yyyy", Dutch);
}
