using System.Diagnostics;
using PestProtocol.Bot.Features.AnonymousReports;
using Xunit.Abstractions;

namespace PestProtocol.Bot.Tests.Anonymous;

public sealed class PassphraseHasherTests(ITestOutputHelper output)
{
    [Fact]
    public void The_stored_hash_is_a_salted_Argon2id_hash_with_the_default_cost_and_never_the_passphrase()
    {
        var hasher = new PassphraseHasher(Argon2Parameters.Default);
        var credentials = ReportCredentials.Create();
        var passphrase = ReportCredentials.NormalizePassphrase(credentials.Passphrase);

        var watch = Stopwatch.StartNew();
        var stored = hasher.Hash(passphrase);
        output.WriteLine($"Argon2id m={Argon2Parameters.Default.MemoryKiB} KiB t={Argon2Parameters.Default.Iterations} p={Argon2Parameters.Default.Parallelism}: {watch.ElapsedMilliseconds} ms");

        Assert.StartsWith("argon2id$m=19456,t=2,p=1$", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(passphrase, stored, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(stored, hasher.Hash(passphrase));
        Assert.True(hasher.Verify(passphrase, stored));
        Assert.False(hasher.Verify(passphrase + "X", stored));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void A_blank_passphrase_is_simply_wrong_for_a_known_and_an_unknown_code(string? blank)
    {
        var hasher = new PassphraseHasher(new Argon2Parameters(1024, 1, 1));
        var stored = hasher.Hash("ABCD1234EFGH");

        Assert.False(hasher.Verify(blank, stored));
        Assert.False(hasher.Verify(blank, null));
    }

    [Fact]
    public void Verification_recomputes_with_the_stored_parameters_and_an_unknown_code_goes_the_same_slow_way()
    {
        var cheap = new PassphraseHasher(new Argon2Parameters(1024, 1, 1));
        var stored = cheap.Hash("ABCD1234EFGH");

        // A hasher configured with other parameters still verifies: the cost comes from the stored hash.
        var current = new PassphraseHasher(Argon2Parameters.Default);
        Assert.True(current.Verify("ABCD1234EFGH", stored));
        Assert.False(current.Verify("ABCD1234EFGH", null));
        Assert.False(current.Verify("ABCD1234EFGH", stored.Replace("t=1", "t=2", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("k7m-4qx", "K7M4QX")]
    [InlineData(" K7M 4QX ", "K7M4QX")]
    [InlineData("K7M-4Q1", null)]
    [InlineData("K7M-4QXX", null)]
    public void Codes_are_read_forgivingly_but_only_from_the_unambiguous_alphabet(string typed, string? expected) =>
        Assert.Equal(expected, ReportCredentials.NormalizeCode(typed));

    [Fact]
    public void Passphrases_forgive_case_separators_and_look_alikes() =>
        Assert.Equal("01AB0111", ReportCredentials.NormalizePassphrase("oIab-0 i l1"));
}
