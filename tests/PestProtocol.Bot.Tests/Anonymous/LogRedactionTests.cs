using Microsoft.Extensions.Logging;
using PestProtocol.Bot.Features.AnonymousReports;
using PestProtocol.Bot.Features.AnonymousReports.Logging;

namespace PestProtocol.Bot.Tests.Anonymous;

public sealed class LogRedactionTests
{
    [Fact]
    public void During_a_turn_the_senders_ids_and_name_never_reach_a_log_provider()
    {
        var identifiers = new TurnIdentifiers();
        var logs = new CapturedLogs();
        using var factory = new RedactingLoggerFactory(LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)), identifiers);
        var logger = factory.CreateLogger("test");

        using (identifiers.Push(["f00dfeed-aaaa", "Zacharias Onvindbaar"]))
        using (logger.BeginScope("user {User}", "f00dfeed-aaaa"))
        {
            logger.LogInformation("Turn for {Name} in {Conversation}", "Zacharias Onvindbaar", "a:ZZconversation123");
            logger.LogError(new InvalidOperationException("failed for 29:ZZ-sender-id"), "Failed");
        }

        logger.LogInformation("Outside a turn: 29:another-user-id");

        Assert.Contains(logs.Lines, l => l.Contains("Turn for [redacted] in [redacted]", StringComparison.Ordinal));
        Assert.All(logs.Lines, l =>
        {
            Assert.DoesNotContain("f00dfeed", l, StringComparison.Ordinal);
            Assert.DoesNotContain("Onvindbaar", l, StringComparison.Ordinal);
            Assert.DoesNotContain("ZZ", l, StringComparison.Ordinal);
            Assert.DoesNotContain("another-user-id", l, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_scope_begun_before_the_turn_is_checked_when_a_line_inside_the_turn_reads_it()
    {
        var identifiers = new TurnIdentifiers();
        var logs = new CapturedLogs();
        using var factory = new RedactingLoggerFactory(LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)), identifiers);
        var logger = factory.CreateLogger("test");

        // As ASP.NET Core's request scope: begun before the turn says who is writing.
        using (logger.BeginScope(new Dictionary<string, object?> { ["RequestPath"] = "/api/messages/f00dfeed-bbbb" }))
        using (logger.BeginScope("plain scope for f00dfeed-bbbb"))
        using (identifiers.Push(["f00dfeed-bbbb"]))
        {
            logger.LogWarning("Something in the turn");
        }

        var line = Assert.Single(logs.Lines);
        Assert.Contains("Something in the turn", line, StringComparison.Ordinal);
        Assert.Contains("[redacted]", line, StringComparison.Ordinal);
        Assert.DoesNotContain("f00dfeed", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("In de pauze lachen ze me uit", true)]
    [InlineData("pesten", false)]
    [InlineData("aaaa aaaa aaaa", false)]
    [InlineData("123 456 789 000", false)]
    [InlineData("    ", false)]
    public void A_report_text_must_tell_something(string text, bool expected) =>
        Assert.Equal(expected, ReportTextCheck.TellsSomething(text));
}
