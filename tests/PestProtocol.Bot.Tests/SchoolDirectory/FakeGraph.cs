using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.SchoolDirectory;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace PestProtocol.Bot.Tests.SchoolDirectory;

/// <summary>
/// A local stand-in for Microsoft Graph v1.0 on 127.0.0.1 (WireMock.Net), answering with the JSON shapes
/// Graph uses, and a way to build the real <see cref="IDirectory"/> (Graph SDK included) against it.
/// </summary>
internal sealed class FakeGraph : IDisposable
{
    private readonly WireMockServer _server;

    public FakeGraph()
    {
        _server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreeLoopbackPort()}"] });
    }

    public string Url => _server.Urls[0];

    public string BaseUrl => $"{Url}/v1.0";

    public IReadOnlyList<ILogEntry> Requests => [.. _server.LogEntries];

    public int RequestsTo(string pathPart) => Requests.Count(e => e.RequestMessage.Path.Contains(pathPart, StringComparison.Ordinal));

    public void Reset() => _server.Reset();

    /// <summary>GET /users/{id}.</summary>
    public void User(string id, string displayName, string? mail = null) =>
        Get($"/v1.0/users/{id}", Json(new Dictionary<string, object?>
        {
            ["@odata.context"] = $"{BaseUrl}/$metadata#users(id,displayName,mail)/$entity",
            ["id"] = id,
            ["displayName"] = displayName,
            ["mail"] = mail,
        }));

    /// <summary>POST /users/{id}/checkMemberGroups: the groups (of those asked) the user is a transitive member of.</summary>
    public void MemberGroups(string userId, params string[] groupIds) =>
        _server.Given(Request.Create().WithPath($"/v1.0/users/{userId}/checkMemberGroups").UsingPost())
            .RespondWith(Ok(Json(new Dictionary<string, object?>
            {
                ["@odata.context"] = $"{BaseUrl}/$metadata#Collection(Edm.String)",
                ["value"] = groupIds,
            })));

    /// <summary>A collection page at <paramref name="path"/>; with <paramref name="nextPage"/> it carries an @odata.nextLink to page 2.</summary>
    public void Collection(string path, IEnumerable<object> items, IEnumerable<object>? nextPage = null)
    {
        var body = new Dictionary<string, object?> { ["@odata.context"] = $"{BaseUrl}/$metadata#directoryObjects", ["value"] = items };
        if (nextPage is not null)
        {
            body["@odata.nextLink"] = $"{Url}{path}?$skiptoken=page2";
            _server.Given(Request.Create().WithPath(path).WithParam("$skiptoken", "page2").UsingGet())
                .AtPriority(1)
                .RespondWith(Ok(Json(new Dictionary<string, object?> { ["@odata.context"] = body["@odata.context"], ["value"] = nextPage })));
        }

        _server.Given(Request.Create().WithPath(path).UsingGet()).AtPriority(10).RespondWith(Ok(Json(body)));
    }

    public void Get(string path, string json) =>
        _server.Given(Request.Create().WithPath(path).UsingGet()).AtPriority(10).RespondWith(Ok(json));

    /// <summary>Every request answers 503 Service Unavailable (an outage).</summary>
    public void Outage() =>
        _server.Given(Request.Create().UsingAnyMethod()).AtPriority(0).RespondWith(Response.Create()
            .WithStatusCode(503)
            .WithHeader("Content-Type", "application/json")
            .WithHeader("Retry-After", "0")
            .WithBody(Error("ServiceUnavailable")));

    /// <summary>The first request to <paramref name="path"/> is throttled (429, Retry-After: 1 s); later ones are served by the other mappings.</summary>
    public void ThrottleOnce(string path)
    {
        _server.Given(Request.Create().WithPath(path).UsingAnyMethod())
            .InScenario("throttle")
            .WillSetStateTo("served")
            .AtPriority(0)
            .RespondWith(Response.Create()
                .WithStatusCode(429)
                .WithHeader("Content-Type", "application/json")
                .WithHeader("Retry-After", "1")
                .WithBody(Error("TooManyRequests")));
    }

    public static object Person(string id, string displayName, string? mail = null) =>
        new Dictionary<string, object?> { ["@odata.type"] = "#microsoft.graph.user", ["id"] = id, ["displayName"] = displayName, ["mail"] = mail };

    public static object Group(string id, string displayName, string mailNickname) =>
        new Dictionary<string, object?> { ["@odata.type"] = "#microsoft.graph.group", ["id"] = id, ["displayName"] = displayName, ["mailNickname"] = mailNickname };

    /// <summary>The real directory from <c>AddSchoolDirectory</c>, configured with <paramref name="directoryJson"/> (the "Directory" section).</summary>
    public static ServiceProvider BuildServices(string directoryJson, TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes($$"""{ "Directory": {{directoryJson}} }""")))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddSchoolDirectory(configuration);
        return services.BuildServiceProvider();
    }

    public void Dispose() => _server.Stop();

    private static IResponseBuilder Ok(string json) =>
        Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(json);

    private static string Json(object value) => JsonSerializer.Serialize(value);

    private static string Error(string code) =>
        Json(new { error = new { code, message = "The fake says no.", innerError = new { date = "2026-03-02T08:00:00", requestId = Guid.Empty } } });

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
