using PestProtocol.Domain.Localization;

namespace PestProtocol.Domain.Appendices;

/// <summary>The appendices (bijlagen) of the protocol.</summary>
public enum AppendixId
{
    /// <summary>Bijlage 1: Signalen gepest kind.</summary>
    Bijlage1 = 1,
    /// <summary>Bijlage 2: Thermometer pesten in de klas.</summary>
    Bijlage2 = 2,
    /// <summary>Bijlage 3: Oriënterend gesprek.</summary>
    Bijlage3 = 3,
    /// <summary>Bijlage 4: Gesprekstips met gepeste leerling.</summary>
    Bijlage4 = 4,
    /// <summary>Bijlage 5: Tips ter voorkoming van digitale pesterijen.</summary>
    Bijlage5 = 5,
    /// <summary>Bijlage 6: Bemiddelingsgesprek.</summary>
    Bijlage6 = 6,
    /// <summary>Bijlage 7: Confronterend gesprek.</summary>
    Bijlage7 = 7,
    /// <summary>Bijlage 8: Herstelgesprek.</summary>
    Bijlage8 = 8,
}

/// <summary>One item of a list in an appendix, with a stable id (for checklists on cards).</summary>
public sealed record AppendixItem(string Id, LocalizedText Text);

/// <summary>A section of an appendix: an optional heading, paragraphs, then a list of items.</summary>
public sealed record AppendixSection(string Id, LocalizedText? Heading, IReadOnlyList<LocalizedText> Paragraphs, IReadOnlyList<AppendixItem> Items)
{
    /// <summary>A section with paragraphs only.</summary>
    public static AppendixSection Text(string id, LocalizedText? heading, params LocalizedText[] paragraphs) => new(id, heading, paragraphs, []);

    /// <summary>A section with a list.</summary>
    public static AppendixSection List(string id, LocalizedText? heading, IReadOnlyList<AppendixItem> items, params LocalizedText[] paragraphs) =>
        new(id, heading, paragraphs, items);
}

/// <summary>An appendix in both languages.</summary>
public sealed record Appendix(AppendixId Id, LocalizedText Title, IReadOnlyList<AppendixSection> Sections)
{
    /// <summary>The appendix in one language, ready to show.</summary>
    public LocalizedAppendix In(Locale locale) => new(
        Id,
        locale,
        Title.In(locale),
        Sections.Select(s => new LocalizedAppendixSection(
            s.Id,
            s.Heading?.In(locale),
            s.Paragraphs.Select(p => p.In(locale)).ToList(),
            s.Items.Select(i => new LocalizedAppendixItem(i.Id, i.Text.In(locale))).ToList())).ToList());

    /// <summary>Every text in this appendix (title, headings, paragraphs, items).</summary>
    public IEnumerable<LocalizedText> AllTexts() =>
        new[] { Title }
            .Concat(Sections.SelectMany(s => (s.Heading is null ? [] : new[] { s.Heading })
                .Concat(s.Paragraphs)
                .Concat(s.Items.Select(i => i.Text))));
}

/// <summary>An appendix in one language.</summary>
public sealed record LocalizedAppendix(AppendixId Id, Locale Locale, string Title, IReadOnlyList<LocalizedAppendixSection> Sections);

/// <summary>A section in one language.</summary>
public sealed record LocalizedAppendixSection(string Id, string? Heading, IReadOnlyList<string> Paragraphs, IReadOnlyList<LocalizedAppendixItem> Items);

/// <summary>An item in one language, with its stable id.</summary>
public sealed record LocalizedAppendixItem(string Id, string Text);
