using PestProtocol.BotFramework.Hosting;

namespace PestProtocol.BotFramework.Tests.Hosting;

/// <summary>Only JSON in UTF-8 is read as an activity; everything else is refused with 415 before the body is read.</summary>
public sealed class InboundContentTypeTests
{
    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON; charset=UTF-8")]
    [InlineData("application/json;charset=utf-8")]
    [InlineData("application/json; charset=utf8")]
    public void Json_in_utf8_is_read(string contentType) => Assert.True(CloudAdapter.IsJson(contentType));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/jsonx")]
    [InlineData("application/json, text/plain")]
    public void Anything_else_is_refused(string? contentType) => Assert.False(CloudAdapter.IsJson(contentType));
}
