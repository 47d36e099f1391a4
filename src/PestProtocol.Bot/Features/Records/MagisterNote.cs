using System.Globalization;
using System.Text;
using PestProtocol.Bot.Cards;
using PestProtocol.Bot.Features.Overview.Cards;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Features.Records;

/// <summary>
/// A plain-text note of (part of) a dossier, shaped for the logbook of a student in Magister: per entry the date, the
/// step, what was done and agreed, who was involved and, at the end, the next action. No markup, no tabs, no bullets
/// that a text field would show as stars; lines end in "\n" and every paragraph is separated by one empty line, which
/// survives pasting into a web text field.
/// </summary>
public static class MagisterNote
{
    /// <summary>The entries of the note: from <paramref name="fromSequence"/> on (clamped to the dossier).</summary>
    public static IReadOnlyList<DossierEntry> EntriesFrom(DossierView view, int fromSequence)
    {
        ArgumentNullException.ThrowIfNull(view);
        return [.. view.Case.Dossier.Where(e => e.Sequence >= fromSequence).OrderBy(e => e.Sequence)];
    }

    /// <summary>
    /// The note's text, for the victim's logbook: another student is never named (not in the fields, and his name is
    /// taken out of the free text where it can be told apart): "de pester (zie dossier 2026-0007)".
    /// </summary>
    public static string Compose(DossierView view, IReadOnlyList<DossierEntry> entries, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(entries);
        var c = view.Case;
        view = view with { LogbookOf = c.StudentRef };
        var text = new StringBuilder();
        Line(text, $"Pestprotocol, melding {view.CaseCode} – {view.StudentName}, klas {c.ClassName}, {view.LocationName}");
        AppendEntries(text, view, entries, now, OtherPupilsScrubber(view, c.StudentRef, view.StudentName));
        Line(text, c.IsClosed ? "Stand nu: de melding is gesloten." : $"Stand nu: {c.CurrentStepTitle()}.");
        if (!c.IsClosed)
        {
            Line(text, "Volgende actie: " + c.NextAction);
        }

        if (c.NextFollowUpDate is { } followUp)
        {
            Line(text, "Vervolgafspraak: " + DutchDates.DateWithYear(followUp));
        }

        return text.ToString().TrimEnd('\n');
    }

    /// <summary>The entries of the bully's part: those naming him (the conversations with him and his parents, the agreements, his follow-up).</summary>
    public static IReadOnlyList<DossierEntry> EntriesOfBully(DossierView view, string bullyRef)
    {
        ArgumentNullException.ThrowIfNull(view);
        return [.. view.Case.Dossier
            .Where(e => e.Participants.Concat(e.Signatures).Any(p => p.Reference == bullyRef && p.Role is ParticipantRole.Bully or ParticipantRole.BullyParents))
            .OrderBy(e => e.Sequence)];
    }

    /// <summary>
    /// The note for the bully's own logbook (routes D and E; B.3 says it too): his part of the case, with the victim
    /// and any other student by their part only ("het slachtoffer (zie dossier 2026-0007)").
    /// </summary>
    public static string ComposeForBully(DossierView view, string bullyRef, IReadOnlyList<DossierEntry> entries, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(entries);
        var c = view.Case;
        view = view with { LogbookOf = bullyRef };
        var name = view.PupilNames.TryGetValue(bullyRef, out var n) ? NameForms.Clean(n) : "de dader";
        var text = new StringBuilder();
        Line(text, $"Pestprotocol, melding {view.CaseCode} – {name}: als dader betrokken, {view.LocationName}");
        Line(text, $"Het deel van deze leerling in de melding. Het slachtoffer staat hier niet met naam in; het volledige verslag staat in dossier {view.CaseCode} in PestProtocol.");
        AppendEntries(text, view, entries, now, OtherPupilsScrubber(view, bullyRef, name));
        if (c.FollowsBully && !c.IsClosed && c.NextFollowUpDate is { } followUp)
        {
            Line(text, "Deze leerling wordt gevolgd (zowel slachtoffer als dader). Vervolgafspraak: " + DutchDates.DateWithYear(followUp));
        }
        else
        {
            Line(text, c.IsClosed ? "Stand nu: de melding is gesloten." : $"Stand nu: {c.CurrentStepTitle()}.");
        }

        return text.ToString().TrimEnd('\n');
    }

    /// <summary>Takes the names of the students other than <paramref name="own"/> out of free text, where they can be told apart.</summary>
    private static Func<string, string> OtherPupilsScrubber(DossierView view, string own, string ownName)
    {
        var everyone = new List<(string Reference, string Name, string Replacement)>
        {
            (view.Case.StudentRef, view.StudentName, $"het slachtoffer (zie dossier {view.CaseCode})"),
        };
        foreach (var (reference, name) in view.PupilNames)
        {
            everyone.Add((reference, NameForms.Clean(name), $"de pester (zie dossier {view.CaseCode})"));
        }

        var names = everyone.Select(p => p.Name).Append(ownName).Concat(view.StaffNames.Values).ToList();
        var replacements = everyone
            .Where(p => p.Reference != own && p.Name != Overview.Cards.OverviewCard.UnknownStudent)
            .Select(p => (Forms: NameForms.Of(p.Name, names.Where(o => !string.Equals(o, p.Name, StringComparison.Ordinal))), p.Replacement))
            .ToList();
        return text => replacements.Aggregate(text, (t, r) => NameForms.Replace(t, r.Forms, r.Replacement) ?? t);
    }

    private static void AppendEntries(StringBuilder text, DossierView view, IReadOnlyList<DossierEntry> entries, DateTimeOffset now, Func<string, string> scrub)
    {
        if (entries.Count > 0)
        {
            Line(text, entries.Count == 1
                ? $"Dossierstap #{entries[0].Sequence}, overgenomen uit PestProtocol op {DutchDates.DateWithYear(now)}."
                : $"Dossierstappen #{entries[0].Sequence} t/m #{entries[^1].Sequence}, overgenomen uit PestProtocol op {DutchDates.DateWithYear(now)}.");
        }

        foreach (var entry in entries)
        {
            text.Append('\n');
            Line(text, $"{DutchDates.DateAndTime(entry.RecordedAt)} – {Title(view, entry)}");
            Line(text, $"Vastgelegd door: {DossierCard.StaffName(view, entry.Actor.StaffId)} ({DutchNames.Of(entry.Actor.Role)})");
            if (!string.IsNullOrWhiteSpace(entry.Text))
            {
                Line(text, "Wat er is gedaan: " + scrub(entry.Text));
            }

            foreach (var fact in DossierCard.Facts(view, entry))
            {
                Line(text, $"{fact.Title}: {scrub(fact.Value)}");
            }

            if (entry.Agreements.Count > 0)
            {
                Line(text, "Afspraken:");
                foreach (var agreement in entry.Agreements)
                {
                    Line(text, "- " + scrub(agreement));
                }
            }
        }

        text.Append('\n');
    }

    /// <summary>"vanaf stap 3", "vanaf #3", "vanaf 3", "3": the first entry wanted; null when the text says nothing usable.</summary>
    public static int? ParseFrom(string? words)
    {
        if (string.IsNullOrWhiteSpace(words))
        {
            return null;
        }

        var rest = words.Trim().ToLowerInvariant();
        foreach (var prefix in (string[])["vanaf", "van", "stap", "#"])
        {
            if (rest.StartsWith(prefix, StringComparison.Ordinal))
            {
                rest = rest[prefix.Length..].TrimStart();
            }
        }

        rest = rest.TrimStart('#').Trim();
        return int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 100_000 ? n : null;
    }

    private static string Title(DossierView view, DossierEntry entry)
    {
        // "#3 Stap 2 – Ouders informeren" → "Stap 2 – Ouders informeren (#3)": the step first, as a logbook reader scans it.
        var title = DossierCard.EntryTitle(view, entry);
        var prefix = $"#{entry.Sequence} ";
        return (title.StartsWith(prefix, StringComparison.Ordinal) ? title[prefix.Length..] : title) + $" (dossier #{entry.Sequence})";
    }

    /// <summary>One line of plain text: control characters and markup-only characters a text field shows literally are removed.</summary>
    private static void Line(StringBuilder text, string line)
    {
        foreach (var ch in line)
        {
            if (ch is '\r' or '\n' or '\t')
            {
                text.Append(' ');
            }
            else if (!char.IsControl(ch))
            {
                text.Append(ch);
            }
        }

        text.Append('\n');
    }
}
