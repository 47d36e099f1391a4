using PestProtocol.Domain.Localization;

namespace PestProtocol.Domain.Appendices;

/// <summary>One block of the thermometer: a statement and the items a student scores 0 (nooit) to 5 (altijd).</summary>
public sealed record ThermometerBlock(string Id, int Number, LocalizedText Statement, IReadOnlyList<AppendixItem> Items);

/// <summary>Bijlage 2: Thermometer pesten in de klas — an anonymous class questionnaire, 7 blocks, scale 0–5, about the last month.</summary>
public static class Bijlage2Thermometer
{
    /// <summary>Lowest score ("Nooit").</summary>
    public const int ScaleMin = 0;

    /// <summary>Highest score ("Altijd").</summary>
    public const int ScaleMax = 5;

    /// <summary>Label of the lowest score.</summary>
    public static readonly LocalizedText ScaleMinLabel = new("Nooit", "Never");

    /// <summary>Label of the highest score.</summary>
    public static readonly LocalizedText ScaleMaxLabel = new("Altijd", "Always");

    /// <summary>The student details asked (anonymously).</summary>
    public static readonly IReadOnlyList<AppendixItem> StudentDetails =
    [
        new("leerling.geslacht", new("Ik ben een jongen/meisje (omcirkel het juiste woord)", "I am a boy/girl (circle the right word)")),
        new("leerling.klas", new("Ik zit in klas …………………", "I am in class …………………")),
        new("leerling.afdeling", new("Ik zit in de afdeling vmbo/mavo/havo/vwo/anders (omcirkel het juiste woord)", "I am in the department vmbo/mavo/havo/vwo/other (circle the right word)")),
    ];

    private static readonly AppendixItem[] UnsafeActs =
    [
        new("uitschelden", new("Uitschelden", "Name-calling")),
        new("bedreiging-woorden", new("Bedreiging met woorden", "Threats in words")),
        new("spullen", new("Stuk maken of stelen van mijn spullen", "Breaking or stealing my belongings")),
        new("uitsluiting", new("Uitsluiting (niet meer mogen meedoen)", "Exclusion (no longer being allowed to join in)")),
        new("pesten", new("Pesten", "Bullying")),
        new("lichamelijk-geweld", new("Lichamelijk geweld", "Physical violence")),
        new("bedreiging-wapen", new("Bedreiging met een wapen", "Threats with a weapon")),
        new("discriminatie", new("Discriminatie", "Discrimination")),
        new("seksueel-geweld", new("Seksueel geweld (kijken, woorden, aanraking)", "Sexual violence (looks, words, touching)")),
    ];

    /// <summary>The seven blocks.</summary>
    public static readonly IReadOnlyList<ThermometerBlock> Blocks =
    [
        new("veilig-genoeg-om", 1, new("Ik voel me op school veilig genoeg om:", "At school I feel safe enough to:"),
        [
            Item(1, "zijn-wie-ik-ben", "Te zijn wie ik ben", "Be who I am"),
            Item(1, "geloof", "Voor mijn geloof uit te komen", "Be open about my faith"),
            Item(1, "mening", "Mijn mening te geven", "Give my opinion"),
            Item(1, "kiezen-doen", "Te kiezen en te doen wat ik wil", "Choose and do what I want"),
            Item(1, "gaan-staan", "Te gaan en te staan waar ik wil", "Go wherever I want"),
        ]),
        new("veilig-waar", 2, new("Ik voel mij veilig", "I feel safe"),
        [
            Item(2, "klas", "In de klas", "In the classroom"),
            Item(2, "schoolgebouw", "In het schoolgebouw", "In the school building"),
            Item(2, "kantine", "In de kantine/aula/overblijfruimte", "In the canteen/hall/lunch room"),
            Item(2, "schoolplein", "Op het schoolplein", "In the schoolyard"),
            Item(2, "buurt", "In de buurt van de school", "In the neighbourhood of the school"),
        ]),
        new("veilig-omdat-school", 3, new("Ik voel me veilig omdat de school", "I feel safe because the school"),
        [
            Item(3, "regels", "Goed op naleving van de regels let", "Sees to it that the rules are kept"),
            Item(3, "hulp", "Goed helpt als je hulp vraagt", "Helps well when you ask for help"),
            Item(3, "pesten-geweld", "Goed optreedt tegen pesten en geweld", "Acts well against bullying and violence"),
            Item(3, "discriminatie", "Goed optreedt tegen discriminatie", "Acts well against discrimination"),
        ]),
        new("onveilig-door-wie", 4, new("Ik voel me onveilig op school door", "I feel unsafe at school because of"),
        [
            Item(4, "leerlingen", "Leerlingen", "Students"),
            Item(4, "docenten", "Docenten", "Teachers"),
            Item(4, "personeel", "Andere personeelsleden op school", "Other staff at school"),
            Item(4, "andere-school", "Leerlingen van een andere school", "Students from another school"),
        ]),
        new("onveilig-door-wat", 5, new("Ik voel me onveilig op school door:", "I feel unsafe at school because of:"),
            UnsafeActs.Select(i => i with { Id = $"b5.{i.Id}" }).ToList()),
        new("gepest-om", 6, new("Ik word op school gepest of gediscrimineerd", "At school I am bullied or discriminated against"),
        [
            Item(6, "uiterlijk", "Om hoe ik eruitzie", "Because of how I look"),
            Item(6, "kunnen", "Om wat ik wel en niet goed kan", "Because of what I am and am not good at"),
            Item(6, "afkomst", "Om mijn afkomst, geloof of cultuur", "Because of my origin, faith or culture"),
            Item(6, "spreken-schrijven", "Om de manier waarop ik spreek en schrijf", "Because of the way I speak and write"),
            Item(6, "jongen-meisje", "Omdat ik een jongen of een meisje ben", "Because I am a boy or a girl"),
            Item(6, "lgbt", "Omdat ik LGBT ben", "Because I am LGBT"),
        ]),
        new("ik-maak-onveilig", 7, new("Ik maak het voor anderen onveilig op school door:", "I make school unsafe for others by:"),
        [
            Item(7, "uitschelden", "Uitschelden", "Name-calling"),
            Item(7, "bedreiging-woorden", "Bedreiging met woorden", "Threats in words"),
            Item(7, "spullen", "Stuk maken /stelen van spullen van anderen", "Breaking/stealing other people's belongings"),
            Item(7, "uitsluiting", "Uitsluiting (niet meer laten meedoen)", "Exclusion (no longer letting others join in)"),
            Item(7, "pesten", "Pesten", "Bullying"),
            Item(7, "lichamelijk-geweld", "Lichamelijk geweld", "Physical violence"),
            Item(7, "bedreiging-wapen", "Bedreiging met een wapen", "Threats with a weapon"),
            Item(7, "discriminatie", "Discriminatie", "Discrimination"),
            Item(7, "seksueel-geweld", "Seksueel geweld (kijken, woorden, aanraking)", "Sexual violence (looks, words, touching)"),
        ]),
    ];

    /// <summary>Bijlage 2 as an appendix to show.</summary>
    public static readonly Appendix Appendix = new(
        AppendixId.Bijlage2,
        new("Bijlage 2: Thermometer pesten in de klas", "Appendix 2: Bullying thermometer for the class"),
        [
            AppendixSection.List("leerlinggegevens", new("Leerling gegevens", "Student details"), StudentDetails,
                new LocalizedText("De afname van deze vragenlijst gebeurt anoniem, maar toch zouden wij een paar dingen van je willen weten:",
                    "This questionnaire is anonymous, but we would still like to know a few things about you:")),
            AppendixSection.Text("schaal", new("Over de laatste maand:", "About the last month:"),
                new LocalizedText("Nooit 0 1 2 3 4 5 Altijd", "Never 0 1 2 3 4 5 Always")),
            .. Blocks.Select(b => AppendixSection.List(b.Id, new($"{b.Number}. {b.Statement.Nl}", $"{b.Number}. {b.Statement.En}"), b.Items)),
        ]);

    private static AppendixItem Item(int block, string id, string nl, string en) => new($"b{block}.{id}", new(nl, en));
}
