using PestProtocol.Bot.Features.StudentSide;

namespace PestProtocol.Bot.Tests.StudentSide;

/// <summary>What a student might type when something is wrong, in the ways students type it.</summary>
public sealed class DistressPhrasesTests
{
    [Theory]
    [InlineData("ik word gepest")]
    [InlineData("Ik word gepest wat moet ik doen")]
    [InlineData("ik wordt gepest")]
    [InlineData("IK WORD GEPEST!!!")]
    [InlineData("ik word gepestt")]
    [InlineData("ik word gepesttt")]
    [InlineData("ik word gepets")]
    [InlineData("ik word al weken gepest op school")]
    [InlineData("ze schelden me uit")]
    [InlineData("ze schelden mij steeds uit")]
    [InlineData("ze scheldden me uit in de klas")]
    [InlineData("ik wil niet meer naar school")]
    [InlineData("ik wil niet meer naar skool")]
    [InlineData("ik wil echt niet meer naar school")]
    [InlineData("ze lachen me uit")]
    [InlineData("Iedereen lacht me uit en ik word buitengesloten")]
    [InlineData("ze pesten me in de groepsapp")]
    [InlineData("ze hebben een nepaccount van mij gemaakt")]
    [InlineData("ze delen foto's van me")]
    [InlineData("ik voel me niet veilig op school")]
    [InlineData("ik durf niet naar school")]
    [InlineData("ik wordt bedreigd")]
    [InlineData("ik word uitgescholden")]
    [InlineData("niemand wil met me praten")]
    [InlineData("ik word gepést")]
    public void Sounds_like_bullying(string text) =>
        Assert.Equal(DistressLevel.Bullying, DistressPhrases.Recognize(text));

    [Theory]
    [InlineData("ik wil dood")]
    [InlineData("soms wil ik er niet meer zijn")]
    [InlineData("ik wil niet meer leven")]
    [InlineData("ik denk aan zelfmoord")]
    [InlineData("ik wil mezelf iets aandoen")]
    [InlineData("ik word gepest en ik wil dood")]
    public void Sounds_like_danger_before_anything_else(string text) =>
        Assert.Equal(DistressLevel.Danger, DistressPhrases.Recognize(text));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("hoi")]
    [InlineData("wat kan jij")]
    [InlineData("ik wil iets vragen over het rooster")]
    [InlineData("bijlage 5")]
    [InlineData("stappen")]
    [InlineData("ik ga morgen naar school")]
    [InlineData("de toets was moeilijk")]
    public void Ordinary_messages_are_not_taken_for_distress(string? text) =>
        Assert.Equal(DistressLevel.None, DistressPhrases.Recognize(text));

    [Fact]
    public void Normalisation_lowers_removes_accents_and_punctuation_and_maps_spelling_variants()
    {
        Assert.Equal(["ik", "word", "gepest"], DistressPhrases.Words("Ik wórdt GEPESTT!!"));
        Assert.Equal(["ze", "pesten", "me"], DistressPhrases.Words("ze pesten mij..."));
        Assert.Equal(["fotos", "van", "me"], DistressPhrases.Words("foto's van m'"));
    }

    [Fact]
    public void A_very_long_text_is_not_scanned()
    {
        var text = string.Join(' ', Enumerable.Repeat("woord", 200)) + " ik word gepest";
        Assert.Equal(DistressLevel.None, DistressPhrases.Recognize(text));
    }
}
