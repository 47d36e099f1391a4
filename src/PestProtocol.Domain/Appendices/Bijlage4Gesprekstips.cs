namespace PestProtocol.Domain.Appendices;

/// <summary>Bijlage 4: Gesprekstips met gepeste leerling — six tips (step 1, C.1).</summary>
public static class Bijlage4Gesprekstips
{
    /// <summary>The six tips.</summary>
    public static readonly IReadOnlyList<AppendixItem> Tips =
    [
        new("niet-meteen-ondernemen", new("Zorg dat je niet meteen iets onderneemt.", "Make sure you do not take action straight away.")),
        new("luister-vraag", new("Luister en stel vragen, laat zien dat je wilt helpen, maar doe nog niks.", "Listen and ask questions, show that you want to help, but do nothing yet.")),
        new("al-gedaan", new("Bespreek wat de leerling al heeft gedaan om het digitaal pesten te stoppen.", "Discuss what the student has already done to stop the digital bullying.")),
        new("volgende-stap", new("Bedenk samen de volgende stap, wat gaan we nu samen doen.", "Think of the next step together: what are we going to do together now.")),
        new("niet-buiten-leerling-om", new("Doe niets buiten de leerling om.", "Do nothing behind the student's back.")),
        new("ernaast-staan", new("Ga niet voor de leerling staan, maar ernaast of erachter.", "Do not stand in front of the student, but beside or behind them.")),
    ];

    /// <summary>Bijlage 4 as an appendix to show.</summary>
    public static readonly Appendix Appendix = new(
        AppendixId.Bijlage4,
        new("Bijlage 4: Gesprekstips met gepeste leerling", "Appendix 4: Conversation tips with a bullied student"),
        [AppendixSection.List("tips", null, Tips)]);
}
