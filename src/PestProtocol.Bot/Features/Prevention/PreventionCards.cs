using PestProtocol.Bot.Features.Overview.Cards;
using PestProtocol.Bot.Commands;
using PestProtocol.BotFramework.Cards;
using PestProtocol.Domain.Prevention;
using static PestProtocol.Bot.Cards.CardParts;

namespace PestProtocol.Bot.Features.Prevention;

/// <summary>A class as the prevention cards show it.</summary>
public sealed record ClassLine(string Name, string MentorName, DateOnly? DoneOn);

/// <summary>The coordinator's checklist, its one reminder, and a mentor's card for their classes.</summary>
public static class PreventionCards
{
    public const string CardKey = "preventieKaart";
    public const string CoordinatorCard = "coordinator";
    public const string MentorCard = "mentor";
    public const string LocationKey = "locatie";
    public const string DateKey = "datum";
    public const string ItemPrefix = "item:";
    public const string ClassPrefix = "klas:";

    /// <summary>The coordinator's checklist: what is done with its day, what is not as a box to tick, and every class.</summary>
    public static AdaptiveCard Checklist(int schoolYear, string locationId, string locationName, PreventionProgress progress, IReadOnlyList<ClassLine> classes, DateOnly today, IReadOnlyList<string>? outstanding = null, string? error = null)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(classes);
        var card = NewCard(Heading(outstanding is null
            ? $"Preventie {PreventionChecklist.SchoolYearName(schoolYear)}: {locationName}"
            : $"Herinnering preventie {PreventionChecklist.SchoolYearName(schoolYear)}: {locationName}"));
        if (outstanding is { Count: > 0 })
        {
            card.Body!.Add(Paragraph("Dit is nog niet gedaan:"));
            card.Body.Add(Bullets(outstanding));
        }

        card.Body!.Add(Paragraph("Aan het begin van het schooljaar brengt de anti-pestcoördinator het pestbeleid onder de aandacht van leerlingen, ouders/verzorgers en collega's, en neemt de gedragsregels door met alle medewerkers. De mentoren nemen de gedragsregels door met elke klas."));
        if (error is { Length: > 0 })
        {
            card.Body.Add(new Container { Style = ContainerStyle.Attention, Items = [Paragraph(error)] });
        }

        var open = 0;
        foreach (var item in PreventionChecklist.CoordinatorItems)
        {
            if (progress.Items.TryGetValue(item.Id, out var day))
            {
                card.Body.Add(Paragraph($"✓ {item.Text} ({DutchDates.ShortDate(day)})"));
            }
            else
            {
                open++;
                card.Body.Add(new InputToggle(ItemPrefix + item.Id, item.Text) { Wrap = true });
            }
        }

        card.Body.Add(SubHeading("Gedragsregels per klas (door de mentor)"));
        card.Body.Add(classes.Count == 0
            ? Subtle("Er zijn voor deze locatie nog geen klassen bekend in de schoolgegevens. Vraag de beheerder van PestProtocol om ze in te stellen.")
            : new FactSet { Facts = [.. classes.Select(c => new Fact(c.Name, c.DoneOn is { } d ? $"besproken op {DutchDates.ShortDate(d)}" : $"nog niet ({c.MentorName})"))] });
        if (open > 0)
        {
            card.Body.Add(new InputDate(DateKey) { Label = "Wanneer? (voor wat je nu aanvinkt)", Value = InputDate.Format(today), Max = InputDate.Format(today) });
            card.Body.Add(new ActionSet(new ActionSubmit("Vastleggen")
            {
                Style = ActionStyle.Positive,
                Data = new Dictionary<string, object?>
                {
                    [CommandRecognizer.CommandDataKey] = PreventionServiceCollectionExtensions.Command.Name,
                    [CardKey] = CoordinatorCard,
                    [LocationKey] = locationId,
                },
            }));
        }

        card.FallbackText = $"Preventie {PreventionChecklist.SchoolYearName(schoolYear)}. Open PestProtocol in Teams.";
        return card;
    }

    /// <summary>A mentor's card: "gedragsregels besproken met {klas}" with a date, per class.</summary>
    public static AdaptiveCard Classes(int schoolYear, IReadOnlyList<ClassLine> classes, DateOnly today, string? error = null)
    {
        ArgumentNullException.ThrowIfNull(classes);
        var card = NewCard(
            Heading($"Gedragsregels met je klassen ({PreventionChecklist.SchoolYearName(schoolYear)})"),
            Paragraph("Het pestprotocol vraagt de mentor om aan het begin van het schooljaar de gedragsregels met elke klas door te nemen. Vink aan met welke klas je dat gedaan hebt, en wanneer."));
        if (error is { Length: > 0 })
        {
            card.Body!.Add(new Container { Style = ContainerStyle.Attention, Items = [Paragraph(error)] });
        }

        var open = 0;
        foreach (var line in classes)
        {
            if (line.DoneOn is { } day)
            {
                card.Body!.Add(Paragraph($"✓ Gedragsregels besproken met {line.Name} ({DutchDates.ShortDate(day)})"));
                continue;
            }

            open++;
            card.Body!.Add(new InputToggle(ClassPrefix + line.Name, $"Gedragsregels besproken met {line.Name}") { Wrap = true });
            card.Body.Add(new InputDate(DateKey + ":" + line.Name) { Label = $"Datum ({line.Name})", Value = InputDate.Format(today), Max = InputDate.Format(today) });
        }

        if (open > 0)
        {
            card.Body!.Add(new ActionSet(new ActionSubmit("Vastleggen")
            {
                Style = ActionStyle.Positive,
                Data = new Dictionary<string, object?>
                {
                    [CommandRecognizer.CommandDataKey] = PreventionServiceCollectionExtensions.Command.Name,
                    [CardKey] = MentorCard,
                },
            }));
        }
        else
        {
            card.Body!.Add(Paragraph("Met al je klassen zijn de gedragsregels besproken. Dank je wel!"));
        }

        card.FallbackText = "Gedragsregels met je klassen. Open PestProtocol in Teams.";
        return card;
    }
}
