using PestProtocol.Domain.Localization;

namespace PestProtocol.Domain.Appendices;

/// <summary>Bijlage 1: Signalen gepest kind — 14 signals at school, 9 at home, each with a stable id for the step-1 checklist.</summary>
public static class Bijlage1Signalen
{
    /// <summary>Signals at school (14).</summary>
    public static readonly IReadOnlyList<AppendixItem> SchoolSignals =
    [
        new("school.blauwe-plekken", new("Blauwe plekken", "Bruises")),
        new("school.spullen-kapot", new("Spullen die \"kapot\" gaan", "Belongings that get \"broken\"")),
        new("school.geen-vrienden", new("Zij lijken geen vrienden te hebben, zijn vaak alleen", "They seem to have no friends, are often alone")),
        new("school.laatste-gekozen", new("Zij worden als laatste gekozen", "They are picked last")),
        new("school.geen-zin-school", new("Geen zin om naar school te gaan", "No wish to go to school")),
        new("school.dicht-bij-leerkracht", new("Ze proberen dicht bij de leerkracht te blijven", "They try to stay close to the teacher")),
        new("school.angstig-onzeker", new("Angstig en onzeker", "Anxious and insecure")),
        new("school.bang-neerslachtig", new("Zij zien er bang, neerslachtig en huilerig uit", "They look frightened, dejected and tearful")),
        new("school.verminderde-resultaten", new("Verminderde schoolresultaten", "Declining school results")),
        new("school.clownesk-gedrag", new("Overdreven clownesk gedrag", "Exaggerated clownish behaviour")),
        new("school.buikpijn-hoofdpijn", new("Klaagt over buikpijn, hoofdpijn", "Complains of stomach ache, headache")),
        new("school.uitgelachen", new("Wordt uitgelachen, onvriendelijk behandeld", "Is laughed at, treated unkindly")),
        new("school.afkoopgedrag", new("Afkoopgedrag; geld/snoep of het maken van huiswerk voor anderen", "Buying others off: money/sweets or doing homework for others")),
        new("school.signalen-klasgenoten", new(
            "Andere kinderen uit jouw klas kunnen ook signalen geven dat een kind gepest wordt. Ze vertellen bijvoorbeeld dat een kind zit te huilen, niet mee mag doen of altijd alleen staat in de pauze",
            "Other children in your class can also signal that a child is being bullied. For example, they tell you that a child is crying, is not allowed to join in or always stands alone during the break")),
    ];

    /// <summary>Signals at home (9).</summary>
    public static readonly IReadOnlyList<AppendixItem> HomeSignals =
    [
        new("thuis.kapotte-spullen", new("Komt thuis met kapotte fiets, kleren of boeken", "Comes home with a broken bicycle, clothes or books")),
        new("thuis.blauwe-plekken", new("Heeft blauwe plekken, schrammen", "Has bruises, scratches")),
        new("thuis.geen-klasgenoten-mee", new("Neemt geen klasgenoten mee", "Does not bring classmates home")),
        new("thuis.bang-naar-school", new("Is bang om naar school te gaan", "Is afraid to go to school")),
        new("thuis.onlogische-route", new("Kiest een onlogische route van en naar school", "Takes an illogical route to and from school")),
        new("thuis.slaapt-onrustig", new("Slaapt onrustig en heeft nare dromen", "Sleeps restlessly and has bad dreams")),
        new("thuis.vraagt-steelt-geld", new("Vraagt en/of steelt geld van familie", "Asks for and/or steals money from family")),
        new("thuis.niet-uitgenodigd", new("Wordt niet uitgenodigd voor feestjes", "Is not invited to parties")),
        new("thuis.gestrest-zondagavond", new("Overspannen en gestrest op zondagavond of aan het eind van een vakantie", "Overwrought and stressed on Sunday evening or at the end of a holiday")),
    ];

    /// <summary>All 23 signals, school first.</summary>
    public static readonly IReadOnlyList<AppendixItem> All = [.. SchoolSignals, .. HomeSignals];

    /// <summary>Bijlage 1 as an appendix to show.</summary>
    public static readonly Appendix Appendix = new(
        AppendixId.Bijlage1,
        new("Bijlage 1: Signalen gepest kind", "Appendix 1: Signs that a child is being bullied"),
        [
            AppendixSection.Text("inleiding",
                new("Hoe is pestgedrag te signaleren?", "How can bullying be recognised?"),
                new LocalizedText("Omdat leerlingen in veel gevallen niet vertellen dat ze worden gepest kan uit indirecte signalen worden afgeleid of leerlingen worden gepest. De conciërges spelen hierbij een belangrijke rol, zij zijn immers de ogen en oren van de school, vooral tijdens de pauzes.",
                    "Because in many cases students do not tell that they are being bullied, indirect signs can show whether students are being bullied. The caretakers play an important part in this: they are the eyes and ears of the school, especially during the breaks.")),
            AppendixSection.List("school", new("Dit zijn de signalen op school:", "These are the signs at school:"), SchoolSignals),
            AppendixSection.List("thuis", new("Dit zijn de signalen thuis:", "These are the signs at home:"), HomeSignals),
        ]);

    /// <summary>True when the id is one of the 23 signals.</summary>
    public static bool IsKnown(string? id) => id is not null && All.Any(s => s.Id == id);
}
