using System.Globalization;
using PestProtocol.Bot.Commands;
using PestProtocol.Bot.Features.StudentSide;
using PestProtocol.BotFramework.Cards;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Thermometer;
using static PestProtocol.Bot.Cards.CardParts;

namespace PestProtocol.Bot.Features.Thermometer;

/// <summary>
/// The thermometer's cards. For the student: a short intro, then one card per block of Bijlage 2 (the details "over
/// jou" on the first), with progress, and a thank-you that says where to go now. For the mentor and the coordinator:
/// the results card — response rate, chart, flags, every item's mean and distribution, the trend — or the reason
/// there is no result yet.
/// </summary>
public static class ThermometerCards
{
    /// <summary>Action.Execute verb of "Begin" on the intro card.</summary>
    public const string BeginVerb = "thermometer.begin";

    /// <summary>Action.Execute verb of "Volgende"/"Versturen" on a block card.</summary>
    public const string BlockVerb = "thermometer.deel";

    /// <summary>Data key: the answers so far.</summary>
    public const string DraftKey = "antwoorden";

    /// <summary>Submit data key: the survey.</summary>
    public const string SurveyKey = "vragenlijst";

    /// <summary>Submit data key: the block number on a block card.</summary>
    public const string BlockKey = "deel";

    /// <summary>Input id of "jongen/meisje".</summary>
    public const string GenderInput = "leerling.geslacht";

    /// <summary>Input id of the afdeling.</summary>
    public const string AfdelingInput = "leerling.afdeling";

    /// <summary>Button that starts route A from a flagged result.</summary>
    public const string StartRouteA = "Start route A (het thema pesten in de klas)";

    /// <summary>Button that starts step 1 from a flagged result.</summary>
    public const string StartStep1 = "Start een melding (stap 1)";

    /// <summary>Submit data key that tells /melding which route the thermometer suggests.</summary>
    public const string SuggestedRouteKey = "thermometerRoute";

    /// <summary>The submit data key of "Hoe kwam het vermoeden?" (the same key "Start stap 1" of a student's message uses).</summary>
    public const string TriggerKey = TellMentor.TellMentorCards.TriggerKey;

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>The student's first card: what this is, that nobody sees who answered what, and where to go now.</summary>
    public static AdaptiveCard Intro(Guid surveyId, string className, DateOnly closesOn, bool reminder = false)
    {
        var card = NewCard(
            Heading(reminder ? $"Nog even: de thermometer van klas {className}" : "Hoe veilig voel jij je op school?"),
            Paragraph($"Je mentor wil weten hoe het gaat in klas {className}. Daarvoor is deze vragenlijst: de thermometer van het pestprotocol. Het zijn 7 korte delen met zinnen over de laatste maand. Bij elke zin kies je een cijfer van 0 (nooit) tot 5 (altijd)."),
            new Container
            {
                Style = ContainerStyle.Emphasis,
                Items =
                [
                    SubHeading("Niemand weet wat jij invult"),
                    Paragraph("Je naam wordt niet bij je antwoorden bewaard. Ook je mentor ziet niet wat jij hebt ingevuld. Je mentor ziet alleen wat de hele klas samen antwoordde, en pas als minstens 5 leerlingen meededen."),
                ],
            },
            Paragraph(reminder
                ? $"Heb je hem nog niet ingevuld? Dat kan nog tot en met {closesOn.ToString("dddd d MMMM", Dutch)}. Heb je hem al verstuurd, dan hoef je niets te doen. Ook wij weten niet wie al heeft ingevuld."
                : $"Je kunt stoppen en later verder gaan. Invullen kan tot en met {closesOn.ToString("dddd d MMMM", Dutch)}. Je kunt de lijst één keer versturen."),
            WhereToGoNow());
        card.Actions = [Execute("Begin", BeginVerb, surveyId, null, null)];
        card.FallbackText = "De thermometer: een anonieme vragenlijst. Open PestProtocol in Teams om hem in te vullen.";
        return card;
    }

    /// <summary>One block of the questionnaire, word for word, with the scale's meaning and the progress.</summary>
    public static AdaptiveCard Block(Guid surveyId, string className, int blockNumber, ThermometerDraft draft, string? error = null)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var block = ThermometerQuestionnaire.Blocks.Single(b => b.Number == blockNumber);
        var done = draft.CompletedBlocks.Count;
        var card = NewCard(
            Heading($"Deel {blockNumber} van 7"),
            Subtle($"{new string('●', done)}{new string('○', 7 - done)}  {done} van 7 klaar · je antwoorden worden bewaard, je kunt later verder"));
        if (error is { Length: > 0 })
        {
            card.Body!.Add(new Container { Style = ContainerStyle.Attention, Items = [Paragraph(error)] });
        }

        if (blockNumber == 1)
        {
            card.Body!.Add(SubHeading("Over jou"));
            card.Body.Add(Subtle("De afname van deze vragenlijst gebeurt anoniem, maar toch zouden wij een paar dingen van je willen weten:"));
            card.Body.Add(new InputChoiceSet(GenderInput)
            {
                Label = "Ik ben een",
                Style = ChoiceInputStyle.Expanded,
                Value = ((int)draft.Gender).ToString(CultureInfo.InvariantCulture),
                Choices = [new("jongen", "1"), new("meisje", "2"), new("zeg ik liever niet", "0")],
            });
            card.Body.Add(Paragraph($"Ik zit in klas {className}"));
            card.Body.Add(new InputChoiceSet(AfdelingInput)
            {
                Label = "Ik zit in de afdeling",
                Style = ChoiceInputStyle.Compact,
                Value = ((int)draft.Afdeling).ToString(CultureInfo.InvariantCulture),
                Choices = [new("vmbo", "1"), new("mavo", "2"), new("havo", "3"), new("vwo", "4"), new("anders", "5"), new("zeg ik liever niet", "0")],
            });
        }

        card.Body!.Add(SubHeading(ThermometerQuestionnaire.Period.Nl));
        card.Body.Add(Paragraph($"{block.Number}. {block.Statement.Nl}"));
        card.Body.Add(Subtle("0 = nooit · 1 · 2 · 3 · 4 · 5 = altijd"));
        foreach (var item in block.Items)
        {
            card.Body.Add(new InputChoiceSet(item.Id)
            {
                Label = item.Text.Nl,
                Style = ChoiceInputStyle.Compact,
                IsRequired = true,
                ErrorMessage = "Kies een cijfer van 0 tot 5.",
                Placeholder = "Kies 0 (nooit) tot 5 (altijd)",
                Value = draft.Scores.TryGetValue(item.Id, out var s) ? s.ToString(CultureInfo.InvariantCulture) : null,
                Choices = [.. ThermometerQuestionnaire.ScaleLabels.Select((label, score) => new Choice(label.Nl, score.ToString(CultureInfo.InvariantCulture)))],
            });
        }

        card.Actions = [Execute(blockNumber == 7 ? "Versturen" : "Volgende", BlockVerb, surveyId, blockNumber, draft)];
        card.FallbackText = $"De thermometer, deel {blockNumber} van 7. Open PestProtocol in Teams om hem in te vullen.";
        return card;
    }

    /// <summary>After sending: thanks, what happens now, and where to go if something is wrong.</summary>
    public static AdaptiveCard Sent(string className)
    {
        var card = NewCard(
            Heading("Dank je wel!"),
            Paragraph($"Je antwoorden zijn verstuurd, zonder je naam. Als de thermometer dicht is, ziet je mentor wat klas {className} samen heeft geantwoord. Niemand ziet wat jij hebt ingevuld."),
            WhereToGoNow());
        card.Actions = [CommandButton(StudentSideCards.TellMentorButton, StudentSideCards.TellMentorCommand), CommandButton(StudentSideCards.AnonymousButton, "anoniem")];
        return card;
    }

    /// <summary>The survey closed before the student sent it.</summary>
    public static AdaptiveCard Closed() => NewCard(
        Heading("De thermometer is dicht"),
        Paragraph("Invullen kan niet meer: de vragenlijst is gesloten. Wat je had ingevuld is niet bewaard."),
        WhereToGoNow());

    /// <summary>When a student tries again: it can be sent once, and nothing is changed.</summary>
    public static AdaptiveCard AlreadySent() => NewCard(
        Heading("Je hebt de thermometer al ingevuld"),
        Paragraph("Je kunt hem maar één keer versturen, zodat elke leerling even zwaar telt. Je eerdere antwoorden blijven staan."),
        WhereToGoNow());

    /// <summary>No result yet: the reason (too few answers, or too few new answers since the last interim result).</summary>
    public static AdaptiveCard Withheld(string className, int invited, string reason, int undelivered = 0)
    {
        var card = NewCard(
            Heading($"Thermometer klas {className}: nog geen uitslag"),
            Paragraph(reason),
            Subtle($"Uitgenodigd: {invited} leerlingen. Wie wel of niet heeft geantwoord, weet niemand; de herinnering gaat vanzelf naar wie nog niet heeft ingevuld."));
        if (undelivered > 0)
        {
            card.Body!.Add(Subtle(Undelivered(undelivered)));
        }

        return card;
    }

    /// <summary>How many invitations did not arrive: a number, never who.</summary>
    public static string Undelivered(int count) => count == 1
        ? "1 uitnodiging kwam niet aan: Teams kon die leerling niet bereiken. Hij of zij telt mee als 'niet ingevuld' en kan de thermometer zelf openen door 'thermometer' te typen."
        : $"{count} uitnodigingen kwamen niet aan: Teams kon die leerlingen niet bereiken. Zij tellen mee als 'niet ingevuld' en kunnen de thermometer zelf openen door 'thermometer' te typen.";

    /// <summary>
    /// The results card for the mentor and the coordinator: the response rate, the chart, what is flagged and why, every
    /// item (mean and distribution, behind "Alle vragen"), the breakdown when k-anonymity allows it, the trend, and when
    /// anything is flagged the way into the protocol.
    /// </summary>
    public static AdaptiveCard Results(
        string className, ThermometerResults results, bool final, DateOnly closesOn, string chartUrl, IReadOnlyList<TrendPoint> trend, int undelivered = 0)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(trend);
        var card = NewCard(
            Heading(final ? $"Thermometer klas {className}: uitslag" : $"Thermometer klas {className}: tussenstand"),
            new FactSet
            {
                Facts =
                [
                    new Fact("Antwoorden", $"{results.Respondents} van {results.Invited} leerlingen ({results.ResponseRate.ToString("P0", Dutch)})"),
                    new Fact(final ? "Gesloten" : "Open tot en met", closesOn.ToString("dddd d MMMM yyyy", Dutch)),
                ],
            });
        card.MsTeams = MsTeamsCardProperties.FullWidth();
        if (undelivered > 0)
        {
            card.Body!.Add(Subtle(Undelivered(undelivered)));
        }

        if (results.IsFlagged)
        {
            card.Body!.Add(new Container
            {
                Style = ContainerStyle.Attention,
                Items =
                [
                    SubHeading("Let op"),
                    Bullets(results.Flagged.Select(FlagLine)),
                    Subtle("Grenzen: Thermometer:Thresholds in de instellingen (README, 'De thermometer')."),
                ],
            });
        }
        else
        {
            card.Body!.Add(new Container { Style = ContainerStyle.Good, Items = [Paragraph("Geen van de vragen komt boven de grenzen voor pesten of onveiligheid uit.")] });
        }

        card.Body.Add(new Image(chartUrl) { AltText = ThermometerChart.AltText(className, results), Size = ImageSize.Stretch });

        var all = new Container { Id = "thermometer.alle-vragen", IsVisible = false, Items = [Subtle("Per zin: het gemiddelde, en hoeveel leerlingen 0 (nooit), 1, 2, 3, 4 en 5 (altijd) kozen.")] };
        foreach (var block in ThermometerQuestionnaire.Blocks)
        {
            all.Items.Add(SubHeading($"{block.Number}. {block.Statement.Nl}"));
            all.Items.Add(new FactSet
            {
                Facts = [.. results.Items.Where(i => i.Item.Block.Number == block.Number).Select(i => new Fact(
                    (i.IsFlagged ? "⚠ " : string.Empty) + i.Item.Text.Nl,
                    $"{i.Mean.ToString("0.0", Dutch)} · {string.Join(" | ", i.Distribution)}"))],
            });
        }

        card.Body.Add(all);
        card.Body.Add(new ActionSet(new ActionToggleVisibility { Title = "Alle vragen", TargetElements = [new TargetElement(all.Id!)] }));

        if (results.GenderBreakdown is { } groups)
        {
            card.Body.Add(SubHeading("Jongens en meisjes"));
            card.Body.Add(new FactSet
            {
                Facts = [.. groups.Select(g => new Fact($"{g.Group} ({g.Count})",
                    string.Join(" · ", g.BlockMeans.OrderBy(b => b.Key).Select(b => $"deel {b.Key}: {b.Value.ToString("0.0", Dutch)}"))))],
            });
        }
        else
        {
            card.Body.Add(Subtle("Geen verdeling naar jongens en meisjes: een groep zou kleiner zijn dan 5 leerlingen."));
        }

        if (trend.Count > 0)
        {
            card.Body.Add(SubHeading("Eerder in deze klas"));
            card.Body.Add(new FactSet
            {
                Facts = [.. trend.OrderBy(t => t.ClosedOn).Select(t => new Fact(
                    t.ClosedOn.ToString("d MMM yyyy", Dutch),
                    t.BlockMeans is { } means
                        ? $"{t.Respondents} antwoorden · veilig (deel 1–3) {Average(means, 1, 3)} · zorg (deel 4–7) {Average(means, 4, 7)}"
                        : $"{t.Respondents} antwoorden: te weinig om te tonen"))],
            });
        }

        if (results.IsFlagged)
        {
            card.Body.Add(Paragraph("Wat nu? Het protocol begint bij stap 1. Vermoed je dat er in de klas gepest wordt, dan is route A (het thema pesten in de klas bespreken, zonder iemand te noemen) de gewone weg."));
            card.Actions =
            [
                ProtocolButton(StartRouteA, "A"),
                ProtocolButton(StartStep1, null),
            ];
        }

        card.FallbackText = $"Uitslag thermometer klas {className}. Open PestProtocol in Teams.";
        return card;
    }

    private static string Average(IReadOnlyDictionary<int, double> means, int from, int to) =>
        means.Where(m => m.Key >= from && m.Key <= to).Select(m => m.Value).DefaultIfEmpty().Average().ToString("0.0", Dutch);

    private static string FlagLine(ItemResult item)
    {
        var reasons = item.Flags.Select(f => f switch
        {
            FlagReason.LowSafetyMean => $"gemiddeld {item.Mean.ToString("0.0", Dutch)}: minder dan 'meestal veilig'",
            FlagReason.ManyFeelUnsafe => $"{item.Distribution[0] + item.Distribution[1]} van {item.Count} (bijna) nooit veilig",
            FlagReason.HighMean => $"gemiddeld {item.Mean.ToString("0.0", Dutch)}",
            FlagReason.ManyOften => $"{item.Distribution[3] + item.Distribution[4] + item.Distribution[5]} van {item.Count} vaak of altijd",
            FlagReason.Serious => $"{item.Count - item.Distribution[0]} van {item.Count} zegt dat het gebeurt",
            _ => f.ToString(),
        });
        return $"{item.Item.Block.Statement.Nl.TrimEnd(':')} — {item.Item.Text.Nl}: {string.Join("; ", reasons)}";
    }

    private static ActionSubmit ProtocolButton(string title, string? route)
    {
        var data = new Dictionary<string, object?>
        {
            [CommandRecognizer.CommandDataKey] = "melding",
            [TriggerKey] = nameof(SuspicionTrigger.Thermometer),
        };
        if (route is not null)
        {
            data[SuggestedRouteKey] = route;
        }

        return new ActionSubmit(title) { Style = route is null ? ActionStyle.Default : ActionStyle.Positive, Data = data };
    }

    private static Container WhereToGoNow() => new()
    {
        Spacing = Spacing.Medium,
        Items =
        [
            SubHeading("Zit je nu ergens mee?"),
            Paragraph("Je hoeft niet te wachten op de uitslag. Typ 'mentor' om het je mentor te vertellen, of 'anoniem' om het de school te laten weten zonder je naam."),
            Paragraph(StudentSideCards.TalkNow),
            new TextBlock(StudentSideCards.Emergency) { Wrap = true, Weight = FontWeight.Bolder },
        ],
    };

    private static ActionExecute Execute(string title, string verb, Guid surveyId, int? block, ThermometerDraft? draft)
    {
        var data = new Dictionary<string, object?>
        {
            [SurveyKey] = surveyId.ToString("D"),
        };
        if (block is { } b)
        {
            data[BlockKey] = b.ToString(CultureInfo.InvariantCulture);
        }

        if (draft is not null)
        {
            // The answers so far travel in the student's own card, not in the bot's storage: nothing is stored with the
            // student's chat until the whole list is sent, and then without the student.
            data[DraftKey] = DraftCodec.Write(draft);
        }

        return new ActionExecute(verb) { Title = title, Style = ActionStyle.Positive, Data = data };
    }
}
