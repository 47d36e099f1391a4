using PestProtocol.Bot.Persistence;
using PestProtocol.BotFramework.Cards;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Localization;
using static PestProtocol.Bot.Cards.CardParts;

namespace PestProtocol.Bot.Features.Overview.Cards;

/// <summary>One open case as /overzicht shows it: the stored overview line and the student's name from the directory.</summary>
/// <param name="Case">The overview line from the case store.</param>
/// <param name="StudentName">The student's display name, or <see cref="OverviewCard.UnknownStudent"/>.</param>
public sealed record CaseLine(CaseSummary Case, string StudentName);

/// <summary>A titled group of cases on the overview card ("Mijn open meldingen", a coordinator's location).</summary>
/// <param name="Title">The section heading.</param>
/// <param name="Subtitle">A line under the heading (e.g. the location's name), or null.</param>
/// <param name="Cases">The cases, most recently active first.</param>
public sealed record OverviewSection(string Title, string? Subtitle, IReadOnlyList<CaseLine> Cases);

/// <summary>The /overzicht card: where each open case stands and what has to happen next.</summary>
public static class OverviewCard
{
    public const string Title = "Mijn meldingen";
    public const string MySectionTitle = "Mijn open meldingen";
    public const string LocationSectionTitle = "Alle open meldingen van jouw locatie";
    public const string ContinueButton = "Verder met deze melding";
    public const string DossierButton = "Dossier bekijken";
    public const string StartButton = "Melding starten";
    public const string UnknownStudent = "onbekende leerling";
    public const string NoOpenCases =
        "Je hebt op dit moment geen open meldingen. Heb je het vermoeden dat een leerling gepest wordt? Start dan een melding; ik loop de stappen van het pestprotocol met je door.";

    /// <summary>At most this many cases are shown in full on one card (Teams limits a card's size).</summary>
    public const int MaxCasesPerCard = 15;

    /// <summary>When a later section has cases, this many places on the card are kept for it.</summary>
    private const int PlacesKeptPerLaterSection = 5;

    /// <summary>At most this many codes are listed for the cases that did not fit.</summary>
    private const int MaxCodesListed = 40;

    /// <summary>The overview card. Empty sections are left out; when all are empty the card says so kindly.</summary>
    /// <param name="sections">My cases first, then a coordinator's locations.</param>
    /// <param name="today">Today in Amsterdam: a follow-up before today is overdue.</param>
    public static AdaptiveCard Build(IReadOnlyList<OverviewSection> sections, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var filled = sections.Where(s => s.Cases.Count > 0).ToList();
        var card = NewCard(Heading(Title));
        card.Actions = [CommandButton(StartButton, "melding")];
        if (filled.Count == 0)
        {
            card.Body!.Add(Paragraph(NoOpenCases));
            return card;
        }

        card.Body!.Add(Subtle("Per melding: de stap waar hij staat en wat er nu moet gebeuren. Met de knoppen ga je verder of bekijk je het dossier."));
        var places = MaxCasesPerCard;
        for (var i = 0; i < filled.Count; i++)
        {
            var section = filled[i];
            var kept = filled.Skip(i + 1).Sum(s => Math.Min(s.Cases.Count, PlacesKeptPerLaterSection));
            var shown = Math.Clamp(places - kept, 0, section.Cases.Count);
            places -= shown;
            card.Body!.Add(SectionHeader(section));
            foreach (var line in section.Cases.Take(shown))
            {
                card.Body!.Add(CaseContainer(line, today));
            }

            var rest = section.Cases.Skip(shown).ToList();
            if (rest.Count > 0)
            {
                card.Body!.Add(Remainder(rest));
            }
        }

        return card;
    }

    private static Container SectionHeader(OverviewSection section)
    {
        var header = new Container { Items = [SubHeading(section.Title)], Spacing = Spacing.Large };
        if (!string.IsNullOrWhiteSpace(section.Subtitle))
        {
            header.Items.Add(Subtle(section.Subtitle));
        }

        return header;
    }

    private static Container CaseContainer(CaseLine line, DateOnly today)
    {
        var c = line.Case;
        var facts = new FactSet
        {
            Facts =
            [
                new Fact("Stap", StepTitles.For(c.CurrentStep)),
                new Fact("Volgende stap", c.NextAction.In(Locale.Nl)),
            ],
        };
        var container = new Container
        {
            Separator = true,
            Spacing = Spacing.Medium,
            Items =
            [
                new TextBlock($"{c.CaseCode} · {line.StudentName} · klas {c.ClassName}") { Weight = FontWeight.Bolder, Wrap = true },
                facts,
            ],
        };
        if (c.NextFollowUpDate is { } followUp)
        {
            var day = DutchDates.DayOf(followUp);
            if (day < today)
            {
                container.Items.Add(new TextBlock($"Vervolgafspraak was op {DutchDates.ShortDate(day)}: die datum is voorbij.")
                {
                    Color = TextColor.Attention,
                    Weight = FontWeight.Bolder,
                    Wrap = true,
                });
            }
            else
            {
                facts.Facts.Add(new Fact("Vervolgafspraak", DutchDates.ShortDate(day)));
            }
        }

        container.Items.Add(new ActionSet(
            CommandButton(ContinueButton, $"melding {c.CaseCode}"),
            CommandButton(DossierButton, $"dossier {c.CaseCode}")));
        return container;
    }

    private static Container Remainder(IReadOnlyList<CaseLine> rest)
    {
        var codes = string.Join(", ", rest.Take(MaxCodesListed).Select(l => $"{l.Case.CaseCode} (klas {l.Case.ClassName})"));
        if (rest.Count > MaxCodesListed)
        {
            codes += ", …";
        }

        return new Container
        {
            Separator = true,
            Spacing = Spacing.Medium,
            Items =
            [
                new TextBlock($"…en nog {rest.Count} open {(rest.Count == 1 ? "melding" : "meldingen")}: {codes}") { Wrap = true },
                Subtle("Die passen niet meer op deze kaart. Typ 'melding' of 'dossier' met de code erachter, bijvoorbeeld 'dossier " + rest[0].Case.CaseCode + "'."),
            ],
        };
    }
}
