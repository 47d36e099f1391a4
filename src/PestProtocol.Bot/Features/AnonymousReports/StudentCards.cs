using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Cards;
using PestProtocol.Domain.Appendices;
using PestProtocol.Bot.Cards;
using static PestProtocol.Bot.Cards.CardParts;

namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>The cards a student sees when reporting anonymously and following the report up. One short question per card.</summary>
public static class StudentCards
{
    /// <summary>The submit key of a button answer ("keuze").</summary>
    public const string ChoiceKey = "keuze";

    /// <summary>Input ids.</summary>
    public const string WhatId = "wat";
    public const string PlaceId = "waar";
    public const string PlatformId = "platform";
    public const string SinceId = "sinds";
    public const string FrequencyId = "hoevaak";
    public const string WhoDoesItId = "wiedoethet";
    public const string WhoIsTargetedId = "bijwie";
    public const string LocationId = "locatie";
    public const string CodeId = "code";
    public const string PassphraseId = "wachtwoord";
    public const string ReplyId = "bericht";

    /// <summary>The data key and value every answer button of "anoniem melden" carries, so a late answer is recognised (<see cref="AbandonedDraftNotice"/>).</summary>
    public const string FlowKey = "flow";
    public const string FlowValue = "anoniem-melden";

    /// <summary>Verbs of the student's follow-up cards (handled by <see cref="StudentReportActionHandler"/>).</summary>
    public const string UnlockVerb = "anon.unlock";
    public const string ReplyVerb = "anon.reply";

    /// <summary>The Kindertelefoon line, on every card where a scared student might need it.</summary>
    public const string UrgentHelp =
        "Is het dringend of voel je je niet veilig? Praat met een volwassene die je vertrouwt, of bel of chat gratis en anoniem met de Kindertelefoon: 0800-0432 (kindertelefoon.nl). Ben je in gevaar? Bel 112.";

    /// <summary>What is and is not visible, said exactly.</summary>
    public const string Promise =
        "De school ziet niet wie jij bent: je naam en je Teams-account worden niet bij je melding bewaard, en de bot onthoudt niet dat deze melding van jou is.";

    /// <summary>What stays in the student's own chat, and how to remove it.</summary>
    public const string OwnChatNotice =
        "Let op: wat je hier typt, blijft wel in deze chat staan, net als je code en wachtwoord. Kijkt iemand anders soms mee in jouw Teams (een gedeelde computer, de telefoon van je ouders)? "
        + "Schrijf je code en wachtwoord dan ergens anders op en verberg deze chat na afloop: klik met de rechtermuisknop op de chat met PestProtocol (op je telefoon: houd hem vast) en kies 'Verbergen'.";

    /// <summary>Who answers, by role.</summary>
    public const string SchoolAuthor = "De anti-pestcoördinator van je locatie";

    /// <summary>The answer a student can send without giving a name.</summary>
    public const string TalkRequest = "Ik wil met iemand praten. Laat me weten waar en wanneer dat kan; mijn naam zeg ik dan zelf.";

    /// <summary>What a student reads when the school has closed the report.</summary>
    public const string ClosedText =
        "De school heeft je melding afgerond. Dank je wel dat je het durfde te melden. Gebeurt het weer, of is er iets nieuws? Maak dan gerust een nieuwe melding met 'anoniem melden'.";

    public static AdaptiveCard WhatHappened(string? value) => Card(
        Heading("Anoniem melden"),
        Paragraph(Promise),
        Subtle(OwnChatNotice),
        SubHeading("Wat is er gebeurd?"),
        new InputText(WhatId)
        {
            Label = "Vertel het in je eigen woorden",
            IsMultiline = true,
            MaxLength = ReportLimits.WhatHappened,
            IsRequired = true,
            ErrorMessage = "Schrijf op wat er is gebeurd.",
            Placeholder = "Bijvoorbeeld: in de pauze lachen ze me uit en pakken ze mijn spullen af.",
            Value = value,
        },
        Subtle("Typ 'stop' als je toch niet verder wilt. Er wordt dan niets verstuurd."))
        .WithActions(Next());

    public static AdaptiveCard About() => Card(
        SubHeading("Gaat het over jou of over iemand anders?"))
        .WithActions([.. ReportChoices.About.Select(c => Button(c.Label, c.Value))]);

    public static AdaptiveCard Place(string? value) => Choice("Waar gebeurt het?", PlaceId, ReportChoices.Places, value, null);

    public static AdaptiveCard Platform(string? value) => Choice("Waar online gebeurt het?", PlatformId, ReportChoices.Platforms, value, null);

    public static AdaptiveCard Since(string? value) => Choice("Sinds wanneer gebeurt het?", SinceId, ReportChoices.Since, value, null);

    public static AdaptiveCard Frequency(string? value) => Choice("Hoe vaak gebeurt het?", FrequencyId, ReportChoices.Frequencies, value, null);

    public static AdaptiveCard Who(string? whoDoesIt, string? whoIsTargeted) => Card(
        SubHeading("Wie doet het, en bij wie gebeurt het?"),
        Paragraph("Dit mag je leeg laten. Je hoeft geen namen te noemen."),
        new InputText(WhoDoesItId) { Label = "Wie doet het? (mag leeg blijven)", MaxLength = ReportLimits.Names, Value = whoDoesIt },
        new InputText(WhoIsTargetedId) { Label = "Bij wie gebeurt het? (mag leeg blijven)", MaxLength = ReportLimits.Names, Value = whoIsTargeted })
        .WithActions(Next());

    public static AdaptiveCard Location(IReadOnlyList<SchoolLocation> locations, string? value) =>
        Choice("Op welke locatie zit je?", LocationId, [.. locations.Select(l => new ReportChoice(l.Id, l.Name))], value,
            "Dan komt je melding bij de anti-pestcoördinator van die locatie.");

    public static AdaptiveCard Summary(ReportDraft draft, string locationName)
    {
        var facts = new List<Fact>
        {
            new("Wat", draft.WhatHappened ?? ""),
            new("Over", ReportChoices.LabelOf(ReportChoices.About, draft.About)),
            new("Waar", ReportChoices.LabelOf(ReportChoices.Places, draft.Place) + (draft.IsDigital && draft.Platform is { } p ? " – " + ReportChoices.LabelOf(ReportChoices.Platforms, p) : "")),
            new("Sinds", ReportChoices.LabelOf(ReportChoices.Since, draft.Since)),
            new("Hoe vaak", ReportChoices.LabelOf(ReportChoices.Frequencies, draft.Frequency)),
            new("Wie doet het", string.IsNullOrWhiteSpace(draft.WhoDoesIt) ? "(niet ingevuld)" : draft.WhoDoesIt),
            new("Bij wie", string.IsNullOrWhiteSpace(draft.WhoIsTargeted) ? "(niet ingevuld)" : draft.WhoIsTargeted),
            new("Locatie", locationName),
        };
        return Card(
            Heading("Klopt dit?"),
            new FactSet { Facts = facts },
            Paragraph("Als je op Versturen drukt, gaat je melding zonder je naam naar de school."))
            .WithActions(Button("Versturen", "versturen", ActionStyle.Positive), Button("Aanpassen", "aanpassen"), Button("Stoppen", "stoppen", ActionStyle.Destructive));
    }

    /// <summary>Bijlage 5 in a student's words: the protocol's eleven tips, introduced kindly.</summary>
    public static AdaptiveCard DigitalTips() => Card(
        Heading("Tips als je online gepest wordt"),
        Paragraph("Vervelend dat dit online gebeurt. Deze tips kunnen je nu al helpen:"),
        Bullets(Bijlage5DigitalePesterijen.Tips.Select(t => t.Text.Nl)),
        Subtle("Uit bijlage 5 van het pestprotocol van de school."),
        ProtocolCards.TipsForToday());

    public static AdaptiveCard Sent(ReportCredentials credentials, ReplyNoticeOptions replyNotice) => Card(
        Heading("Je melding is verstuurd"),
        Paragraph("Dank je wel dat je dit durfde te melden. De anti-pestcoördinator van jouw locatie leest je melding. Meestal lukt dat binnen twee schooldagen; in een vakantie kan het langer duren."),
        Paragraph(ReplyNoticeCards.HowYouHear(replyNotice, credentials.Code)),
        SubHeading("Bewaar deze code en dit wachtwoord goed"),
        new FactSet { Facts = [new("Code", credentials.Code), new("Wachtwoord", credentials.Passphrase)] },
        Paragraph("Schrijf ze op of maak er een foto van. Zonder het wachtwoord kun je je melding niet meer bekijken: niemand kan het voor je opzoeken."),
        Paragraph($"Kijken of er een antwoord is? Typ: status {credentials.Code}"),
        Subtle(OwnChatNotice),
        Subtle(UrgentHelp));

    public static AdaptiveCard Unlock(string? code) => Card(
        Heading("Mijn anonieme melding"),
        code is null
            ? new InputText(CodeId) { Label = "Code van je melding", Placeholder = "Bijvoorbeeld K7M-4QX", MaxLength = 16, IsRequired = true, Regex = ReportCredentials.CodeCardPattern, ErrorMessage = "Vul je code in: 6 tekens, zoals K7M-4QX." }
            : Paragraph("Code: " + code),
        new InputText(PassphraseId) { Label = "Wachtwoord", Style = TextInputStyle.Password, MaxLength = 40, IsRequired = true, Regex = ReportCredentials.PassphraseCardPattern, ErrorMessage = "Vul je wachtwoord in: 12 tekens, zoals 7QKM-2HXD-9RTA." })
        .WithActions(Execute("Bekijken", UnlockVerb, code is null ? null : new() { [CodeId] = code }));

    public static AdaptiveCard Thread(ReportThread thread, string session, string? notice = null)
    {
        var card = Card(Heading("Je melding"));
        if (notice is not null)
        {
            card.Body!.Add(new TextBlock(notice) { Wrap = true, Color = TextColor.Good, Weight = FontWeight.Bolder });
        }

        var report = thread.Report;
        card.Body!.Add(new FactSet
        {
            Facts =
            [
                new("Verstuurd", ReportTimes.Show(report.ReceivedAt)),
                new("Wat", report.WhatHappened),
                new("Status", report.Status switch
                {
                    AnonymousReportStatus.New => "Verstuurd, nog niet gelezen",
                    AnonymousReportStatus.TakenUp => "De school is ermee bezig",
                    _ => "Afgerond door de school",
                }),
            ],
        });
        card.Body.Add(SubHeading("Berichten"));
        if (thread.Messages.Count == 0)
        {
            card.Body.Add(Paragraph("Er zijn nog geen berichten. Kijk later nog eens."));
        }

        foreach (var message in thread.Messages)
        {
            card.Body.Add(new Container
            {
                Style = message.Author == ReportMessageAuthor.School ? ContainerStyle.Emphasis : ContainerStyle.Default,
                Items =
                [
                    Subtle((message.Author == ReportMessageAuthor.School ? SchoolAuthor : "Jij") + " · " + ReportTimes.Show(message.WrittenAt)),
                    Paragraph(message.Text),
                ],
            });
        }

        if (report.Status == AnonymousReportStatus.Closed)
        {
            card.Body.Add(Paragraph(ClosedText));
        }
        else
        {
            card.Body.Add(new InputText(ReplyId)
            {
                Label = "Wil je iets terugschrijven of toevoegen?",
                IsMultiline = true,
                MaxLength = ReportLimits.Message,
            });
            card.WithActions(
                Execute("Versturen", ReplyVerb, new() { ["sessie"] = session }),
                new ActionExecute(ReplyVerb)
                {
                    Title = "Ik wil met iemand praten",
                    AssociatedInputs = AssociatedInputs.None,
                    Data = new Dictionary<string, object?> { ["verb"] = ReplyVerb, ["sessie"] = session, [ReplyId] = TalkRequest },
                    Fallback = new ActionSubmit("Ik wil met iemand praten")
                    {
                        AssociatedInputs = AssociatedInputs.None,
                        Data = new Dictionary<string, object?> { ["verb"] = ReplyVerb, ["sessie"] = session, [ReplyId] = TalkRequest },
                    },
                });
            card.Body.Add(Subtle("Met 'Ik wil met iemand praten' vraag je de anti-pestcoördinator om een plek en tijd. Je hoeft je naam niet te noemen: dat doe je pas zelf, als je er bent."));
        }

        card.Body.Add(Subtle(UrgentHelp));
        return card;
    }

    private static AdaptiveCard Choice(string question, string id, IReadOnlyList<ReportChoice> choices, string? value, string? hint)
    {
        var card = Card(SubHeading(question));
        if (hint is not null)
        {
            card.Body!.Add(Paragraph(hint));
        }

        card.Body!.Add(new InputChoiceSet
        {
            Id = id,
            Label = "Kies wat het beste past",
            Style = ChoiceInputStyle.Expanded,
            IsRequired = true,
            ErrorMessage = "Kies een antwoord.",
            Choices = [.. choices.Select(c => new Choice(c.Label, c.Value))],
            Value = value,
        });
        return card.WithActions(Next());
    }

    private static AdaptiveCard Card(params CardElement[] body) => NewCard(body);

    private static ActionSubmit Button(string title, string value, ActionStyle? style = null) =>
        new(title) { Style = style, Data = new Dictionary<string, object?> { [ChoiceKey] = value, [FlowKey] = FlowValue } };

    private static ActionSubmit Next() =>
        new("Volgende") { Style = ActionStyle.Positive, Data = new Dictionary<string, object?> { [FlowKey] = FlowValue } };

    /// <summary>A Universal Action with an Action.Submit fallback carrying the same verb (older clients).</summary>
    internal static ActionExecute Execute(string title, string verb, Dictionary<string, object?>? data)
    {
        var payload = new Dictionary<string, object?>(data ?? []) { ["verb"] = verb };
        return new ActionExecute(verb)
        {
            Title = title,
            Style = ActionStyle.Positive,
            Data = payload,
            Fallback = new ActionSubmit(title) { Data = payload },
        };
    }

    internal static AdaptiveCard WithActions(this AdaptiveCard card, params CardAction[] actions)
    {
        card.Actions ??= [];
        card.Actions.AddRange(actions);
        return card;
    }
}
