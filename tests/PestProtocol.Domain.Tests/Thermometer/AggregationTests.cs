using PestProtocol.Domain.Thermometer;

namespace PestProtocol.Domain.Tests.Thermometer;

/// <summary>The results a mentor sees: the maths per item, the flags, and nothing that could point at a student.</summary>
public sealed class AggregationTests
{
    private static readonly ThermometerThresholds Defaults = new();

    /// <summary>A response scoring every "safe" item <paramref name="safe"/> and every "unsafe" item <paramref name="unsafeScore"/>, with overrides.</summary>
    private static ThermometerResponse Response(int safe = 5, int unsafeScore = 0, ThermometerGender gender = ThermometerGender.ZegIkLieverNiet, params (string Id, int Score)[] overrides)
    {
        var scores = ThermometerQuestionnaire.Items.ToDictionary(i => i.Id, i => i.Direction == ItemDirection.HigherIsSafer ? safe : unsafeScore);
        foreach (var (id, score) in overrides)
        {
            scores[id] = score;
        }

        return new ThermometerResponse(gender, ThermometerAfdeling.Havo, scores);
    }

    private static ItemResult ItemOf(ThermometerResults results, string id) => results.Items.Single(i => i.Item.Id == id);

    [Fact]
    public void Fewer_than_five_responses_show_nothing_at_all()
    {
        for (var n = 0; n < 5; n++)
        {
            var release = ThermometerAggregator.Release(Enumerable.Range(0, n).Select(_ => Response()).ToList(), 28, Defaults);
            Assert.False(release.IsReleased);
            Assert.Contains("vanaf 5 antwoorden", release.WithheldReason, StringComparison.Ordinal);
        }

        Assert.True(ThermometerAggregator.Release(Enumerable.Range(0, 5).Select(_ => Response()).ToList(), 28, Defaults).IsReleased);
    }

    [Fact]
    public void A_school_cannot_configure_the_minimum_below_five()
    {
        var lax = Defaults with { MinimumRespondents = 2 };
        Assert.NotEmpty(lax.Problems());
        Assert.False(ThermometerAggregator.Release(Enumerable.Range(0, 3).Select(_ => Response()).ToList(), 28, lax).IsReleased);
        Assert.Empty(Defaults.Problems());
        Assert.NotEmpty((Defaults with { SeriousItems = ["b9.bestaat-niet"] }).Problems());
    }

    [Fact]
    public void Mean_and_distribution_per_item_are_exact_and_do_not_depend_on_order()
    {
        // "In de klas": scores 5, 4, 4, 2, 0, 3 -> mean 18/6 = 3.0, distribution [1,0,1,1,2,1].
        int[] scores = [5, 4, 4, 2, 0, 3];
        var responses = scores.Select(s => Response(overrides: ("b2.klas", s))).ToList();
        var results = ThermometerAggregator.Release(responses, 30, Defaults).Results!;
        var klas = ItemOf(results, "b2.klas");
        Assert.Equal(6, klas.Count);
        Assert.Equal(3.0, klas.Mean, 10);
        Assert.Equal([1, 0, 1, 1, 2, 1], klas.Distribution);
        Assert.Equal(0.2, results.ResponseRate, 10);

        responses.Reverse();
        Assert.Equal(klas.Distribution, ItemOf(ThermometerAggregator.Release(responses, 30, Defaults).Results!, "b2.klas").Distribution);
    }

    [Fact]
    public void A_class_that_feels_safe_and_is_not_bullied_has_no_flags()
    {
        // Now and then ("1") name-calling and the like, never anything serious.
        (string, int)[] noneSerious = [.. Defaults.SeriousItems.Select(i => (i, 0))];
        var results = ThermometerAggregator.Release(Enumerable.Range(0, 8).Select(_ => Response(safe: 4, unsafeScore: 1, overrides: noneSerious)).ToList(), 8, Defaults).Results!;
        Assert.False(results.IsFlagged);
        Assert.Equal(4.0, results.BlockMeans[2], 10);
        Assert.Equal(1.0, results.BlockMeans[6], 10);

        // The same class where one student in eight says "1" on sexual violence is flagged on that item only.
        var oneSerious = Enumerable.Range(0, 8).Select(i => Response(safe: 4, unsafeScore: 1, overrides: [.. noneSerious, ("b5.seksueel-geweld", i == 0 ? 1 : 0)])).ToList();
        Assert.Equal(["b5.seksueel-geweld"], ThermometerAggregator.Release(oneSerious, 8, Defaults).Results!.Flagged.Select(i => i.Item.Id));
    }

    [Fact]
    public void Low_safety_is_flagged_by_mean_and_by_a_fifth_who_never_feel_safe()
    {
        // Mean 2.8 < 3.0.
        var lowMean = Enumerable.Range(0, 5).Select(i => Response(overrides: ("b2.schoolplein", i < 4 ? 3 : 2))).ToList();
        var plein = ItemOf(ThermometerAggregator.Release(lowMean, 5, Defaults).Results!, "b2.schoolplein");
        Assert.Contains(FlagReason.LowSafetyMean, plein.Flags);

        // Mean 4.0 looks fine, but 2 of 10 (20 %) never feel safe in class.
        var hidden = Enumerable.Range(0, 10).Select(i => Response(overrides: ("b2.klas", i < 2 ? 0 : 5))).ToList();
        var klas = ItemOf(ThermometerAggregator.Release(hidden, 10, Defaults).Results!, "b2.klas");
        Assert.Equal(4.0, klas.Mean, 10);
        Assert.Equal([FlagReason.ManyFeelUnsafe], klas.Flags);
    }

    [Fact]
    public void Being_bullied_often_is_flagged_and_a_weapon_threat_by_anyone_is_flagged()
    {
        // 2 of 10 are bullied for how they look "vaak" (3): 20 %.
        var looks = Enumerable.Range(0, 10).Select(i => Response(overrides: ("b6.uiterlijk", i < 2 ? 3 : 0))).ToList();
        var uiterlijk = ItemOf(ThermometerAggregator.Release(looks, 10, Defaults).Results!, "b6.uiterlijk");
        Assert.Equal([FlagReason.ManyOften], uiterlijk.Flags);

        // One of 25 says "1" on a weapon threat: the mean (0.04) says nothing, the serious rule does.
        var weapon = Enumerable.Range(0, 25).Select(i => Response(overrides: ("b5.bedreiging-wapen", i == 0 ? 1 : 0))).ToList();
        var results = ThermometerAggregator.Release(weapon, 25, Defaults).Results!;
        Assert.Equal([FlagReason.Serious], ItemOf(results, "b5.bedreiging-wapen").Flags);
        Assert.True(results.IsFlagged);

        // The school can choose a higher bar.
        var lenient = Defaults with { SeriousAnyShare = 0.1 };
        Assert.False(ItemOf(ThermometerAggregator.Release(weapon, 25, lenient).Results!, "b5.bedreiging-wapen").IsFlagged);
    }

    [Fact]
    public void The_gender_breakdown_is_shown_only_when_every_group_has_five()
    {
        var five = Enumerable.Range(0, 5).Select(_ => Response(gender: ThermometerGender.Jongen))
            .Concat(Enumerable.Range(0, 6).Select(_ => Response(safe: 2, gender: ThermometerGender.Meisje)))
            .ToList();
        var shown = ThermometerAggregator.Release(five, 11, Defaults).Results!.GenderBreakdown;
        Assert.NotNull(shown);
        Assert.Equal(["jongens", "meisjes"], shown.Select(g => g.Group));
        Assert.Equal(2.0, shown[1].BlockMeans[1], 10);

        // One student says "zeg ik liever niet": leaving him out would still show him as total minus the groups.
        var withOne = five.Append(Response(gender: ThermometerGender.ZegIkLieverNiet)).ToList();
        Assert.Null(ThermometerAggregator.Release(withOne, 12, Defaults).Results!.GenderBreakdown);

        // Four boys: no breakdown.
        var fewBoys = five.Skip(1).ToList();
        Assert.Null(ThermometerAggregator.Release(fewBoys, 10, Defaults).Results!.GenderBreakdown);
    }

    [Fact]
    public void An_interim_result_is_not_repeated_until_five_more_answered_so_a_difference_shows_no_one()
    {
        var seven = Enumerable.Range(0, 7).Select(_ => Response()).ToList();
        var again = ThermometerAggregator.Release(seven, 28, Defaults, previouslyReleasedCount: 5);
        Assert.False(again.IsReleased);
        Assert.Contains("bij 10 antwoorden", again.WithheldReason, StringComparison.Ordinal);

        Assert.True(ThermometerAggregator.Release(seven, 28, Defaults, previouslyReleasedCount: 7).IsReleased);
        var ten = Enumerable.Range(0, 10).Select(_ => Response()).ToList();
        Assert.True(ThermometerAggregator.Release(ten, 28, Defaults, previouslyReleasedCount: 5).IsReleased);
    }
}
