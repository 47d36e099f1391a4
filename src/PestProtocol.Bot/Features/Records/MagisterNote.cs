using System.Globalization;
using System.Text;
using PestProtocol.Bot.Cards;
using PestProtocol.Bot.Features.Overview.Cards;
using PestProtocol.Domain.Dossier;

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

    /// <summary>The note's text.</summary>
    public static string Compose(DossierView view, IReadOnlyList<DossierEntry> entries, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(entries);
        var c = view.Case;
        var text = new StringBuilder();
        Line(text, $"Pestprotocol, melding {view.CaseCode} – {view.StudentName}, klas {c.ClassName}, {view.LocationName}");
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
                Line(text, "Wat er is gedaan: " + entry.Text);
            }

            foreach (var fact in DossierCard.Facts(view, entry))
            {
                Line(text, $"{fact.Title}: {fact.Value}");
            }

            if (entry.Agreements.Count > 0)
            {
                Line(text, "Afspraken:");
                foreach (var agreement in entry.Agreements)
                {
                    Line(text, "- " + agreement);
                }
            }
        }

        text.Append('\n');
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
