using System.Text;
using PestProtocol.BotFramework.Hosting;

namespace PestProtocol.BotFramework.Tests.Hosting;

/// <summary>What the endpoint takes as text before it builds an activity: a client's bad bytes are refused, real text passes.</summary>
public sealed class InboundActivityTextTests
{
    [Theory]
    [InlineData("{\"type\":\"message\",\"text\":\"help\"}")]
    [InlineData("{\"type\":\"message\",\"text\":\"Ik word gepest \\ud83d\\ude22 door \\\"hen\\\"\"}")]
    [InlineData("{\"type\":\"message\",\"text\":\"Zoë en Daniël: 😢 café\"}")]
    [InlineData("{\"value\":{\"naam\":\"\\u00e9\",\"lijst\":[\"a\",\"b\"]}}")]
    public void Real_text_with_and_without_escapes_passes(string json) =>
        Assert.True(InboundActivityCheck.HasOnlyValidText(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("{\"text\":\"\\ud800 alleen\"}")]
    [InlineData("{\"text\":\"eind \\udc00\"}")]
    [InlineData("{\"\\ud800\":\"sleutel\"}")]
    public void A_lone_surrogate_escape_is_refused(string json) =>
        Assert.False(InboundActivityCheck.HasOnlyValidText(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC3 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    public void Bytes_that_are_not_UTF_8_inside_a_string_or_a_name_are_refused(byte[] bad)
    {
        Assert.False(InboundActivityCheck.HasOnlyValidText([.. "{\"text\":\"a"u8, .. bad, .. "b\"}"u8]));
        Assert.False(InboundActivityCheck.HasOnlyValidText([.. "{\"a"u8, .. bad, .. "\":1}"u8]));
    }

    [Fact]
    public void Broken_JSON_is_refused() =>
        Assert.False(InboundActivityCheck.HasOnlyValidText("{\"text\":\"open"u8));
}
