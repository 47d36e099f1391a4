using PestProtocol.Domain.Thermometer;

namespace PestProtocol.Domain.Tests.Thermometer;

/// <summary>One response per student, reminders for those who did not answer, and after closing nobody can tell who did.</summary>
public sealed class RespondentKeyTests
{
    private static readonly Guid Survey = Guid.Parse("6f1c2a53-1b7e-4a53-9d65-0c7b9c1d2e3f");

    [Fact]
    public void The_same_student_gets_the_same_token_so_a_second_response_is_recognised()
    {
        using var key = RespondentKey.Create();
        Assert.Equal(key.TokenFor(Survey, "student-anna"), key.TokenFor(Survey, "student-anna"));
        Assert.NotEqual(key.TokenFor(Survey, "student-anna"), key.TokenFor(Survey, "student-bram"));
        Assert.NotEqual(key.TokenFor(Survey, "student-anna"), key.TokenFor(Guid.NewGuid(), "student-anna"));
    }

    [Fact]
    public void A_token_does_not_contain_the_student_id_and_another_key_gives_another_token()
    {
        using var key = RespondentKey.Create();
        using var other = RespondentKey.Create();
        var token = key.TokenFor(Survey, "29:1abcStudentAnna");
        Assert.DoesNotContain("Anna", token, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(token, other.TokenFor(Survey, "29:1abcStudentAnna"));
    }

    [Fact]
    public void Reminders_go_to_exactly_the_students_without_a_token()
    {
        using var key = RespondentKey.Create();
        string[] roster = ["s1", "s2", "s3", "s4"];
        var answered = new HashSet<string> { key.TokenFor(Survey, "s2"), key.TokenFor(Survey, "s4") };
        Assert.Equal(["s1", "s3"], key.NotYetAnswered(Survey, roster, answered));
    }

    [Fact]
    public void A_destroyed_key_is_zeroed_and_computes_nothing_more()
    {
        var key = RespondentKey.Create();
        var stored = key.Export();
        var reloaded = RespondentKey.FromBytes(stored);
        Assert.Equal(key.TokenFor(Survey, "s1"), reloaded.TokenFor(Survey, "s1"));

        key.Destroy();
        Assert.True(key.IsDestroyed);
        Assert.Throws<ObjectDisposedException>(() => key.TokenFor(Survey, "s1"));
        Assert.Throws<ObjectDisposedException>(() => key.Export());
        reloaded.Dispose();
        Assert.Throws<ObjectDisposedException>(() => reloaded.TokenFor(Survey, "s1"));
        Assert.Throws<ArgumentException>(() => RespondentKey.FromBytes(new byte[5]));
    }
}
