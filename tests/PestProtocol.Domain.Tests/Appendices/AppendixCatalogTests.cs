using System.Globalization;
using PestProtocol.Domain.Appendices;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Localization;
using PestProtocol.Domain.Routes;

namespace PestProtocol.Domain.Tests.Appendices;

public class AppendixCatalogTests
{
    [Fact]
    public void Bijlage_1_has_14_school_and_9_home_signals_with_unique_ids()
    {
        Assert.Equal(14, Bijlage1Signalen.SchoolSignals.Count);
        Assert.Equal(9, Bijlage1Signalen.HomeSignals.Count);
        Assert.Equal(23, Bijlage1Signalen.All.Select(s => s.Id).Distinct().Count());
        Assert.True(Bijlage1Signalen.IsKnown("school.blauwe-plekken"));
        Assert.False(Bijlage1Signalen.IsKnown("blauwe-plekken"));
    }

    [Fact]
    public void Bijlage_2_thermometer_has_seven_blocks_with_items_on_a_0_to_5_scale()
    {
        Assert.Equal(7, Bijlage2Thermometer.Blocks.Count);
        Assert.Equal([5, 5, 4, 4, 9, 6, 9], Bijlage2Thermometer.Blocks.Select(b => b.Items.Count));
        Assert.Equal(Enumerable.Range(1, 7), Bijlage2Thermometer.Blocks.Select(b => b.Number));
        Assert.Equal(0, Bijlage2Thermometer.ScaleMin);
        Assert.Equal(5, Bijlage2Thermometer.ScaleMax);
        var ids = Bijlage2Thermometer.Blocks.SelectMany(b => b.Items).Select(i => i.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Tip_counts_match_the_protocol()
    {
        Assert.Equal(6, Bijlage4Gesprekstips.Tips.Count);
        Assert.Equal(11, Bijlage5DigitalePesterijen.Tips.Count);
        Assert.Equal(4, Bijlage6Bemiddelingsgesprek.Topics.Count);
        Assert.Equal(7, Bijlage8Herstelgesprek.Conditions.Count);
    }

    [Fact]
    public void All_eight_appendices_exist_in_order_with_dutch_titles()
    {
        Assert.Equal(Enumerable.Range(1, 8), AppendixCatalog.All.Select(a => (int)a.Id));
        foreach (var appendix in AppendixCatalog.All)
        {
            Assert.StartsWith($"Bijlage {(int)appendix.Id}:", appendix.Title.Nl);
            Assert.StartsWith($"Appendix {(int)appendix.Id}:", appendix.Title.En);
        }
    }

    [Fact]
    public void Every_dutch_text_has_an_english_counterpart()
    {
        var texts = AppendixCatalog.All.SelectMany(a => a.AllTexts())
            .Concat(RouteDescriptions.All.SelectMany(r => new[] { r.Title, r.When, r.Method }))
            .Concat(StepTitles.All.Values)
            .ToList();
        Assert.All(texts, t =>
        {
            Assert.False(string.IsNullOrWhiteSpace(t.Nl));
            Assert.False(string.IsNullOrWhiteSpace(t.En));
        });
        Assert.Equal(Enum.GetValues<ProtocolStep>().Length, StepTitles.All.Count);
    }

    [Fact]
    public void Item_ids_are_unique_within_each_appendix()
    {
        foreach (var appendix in AppendixCatalog.All)
        {
            var ids = appendix.Sections.SelectMany(s => s.Items).Select(i => i.Id).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.Equal(appendix.Sections.Count, appendix.Sections.Select(s => s.Id).Distinct().Count());
        }
    }

    [Fact]
    public void Get_returns_dutch_by_default_and_english_for_an_english_culture()
    {
        var nl = AppendixCatalog.Get(AppendixId.Bijlage5);
        var en = AppendixCatalog.Get(AppendixId.Bijlage5, CultureInfo.GetCultureInfo("en-US"));
        var nlFromCulture = AppendixCatalog.Get(AppendixId.Bijlage5, CultureInfo.GetCultureInfo("nl-NL"));

        Assert.Equal(Locale.Nl, nl.Locale);
        Assert.Equal("Bijlage 5: Tips ter voorkoming van digitale pesterijen", nl.Title);
        Assert.Equal("Gebruik altijd een nickname (schuilnaam).", nl.Sections[0].Items[0].Text);
        Assert.Equal(Locale.En, en.Locale);
        Assert.Equal("Always use a nickname (alias).", en.Sections[0].Items[0].Text);
        Assert.Equal(nl.Sections[0].Items.Select(i => i.Id), en.Sections[0].Items.Select(i => i.Id));
        Assert.Equal(nl.Title, nlFromCulture.Title);
    }

    [Fact]
    public void Bijlage_8_states_the_fixed_signing_order()
    {
        var text = string.Join(" ", AppendixCatalog.Get(AppendixId.Bijlage8).Sections.SelectMany(s => s.Paragraphs));
        Assert.Contains("Dit gebeurt in vaste volgorde; dader, slachtoffer en vervolgens de ondersteuners.", text);
    }

    [Fact]
    public void Route_explanations_use_the_flowchart_words()
    {
        Assert.Equal("De leerling heeft het vermoeden dat de dader in zijn/haar klas zit.", RouteDescriptions.For(Route.A).When.Nl);
        Assert.Equal("De dader is onbekend.", RouteDescriptions.For(Route.E).When.Nl);
        Assert.Equal("Stap 1 – Vermoedens van pesten", StepTitles.For(ProtocolStep.Step1Suspicion));
        Assert.Equal("Stap 4 – Keuze uit route D / E", StepTitles.For(ProtocolStep.Step4BullyingContinues));
    }
}
