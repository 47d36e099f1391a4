// The benchmark's ceiling: an endpoint that does the least a bot must do for the driver to count a turn. It reads the
// activity, posts one card reply to the activity's serviceUrl and then answers 200. No state, no auth, no dialog, no
// database. Whatever turns/s the shared driver reaches against it on this machine is the most any .NET bot can reach
// here with the same driver on the same cores (bench/ceiling.sh; bench/README.md "The ceiling").
using System.Text;
using System.Text.Json;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });

app.MapPost("/api/messages", async (HttpRequest request, CancellationToken cancellationToken) =>
{
    using var activity = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
    var root = activity.RootElement;
    var serviceUrl = root.GetProperty("serviceUrl").GetString()!.TrimEnd('/');
    var conversation = root.GetProperty("conversation").GetProperty("id").GetString()!;
    var id = root.TryGetProperty("id", out var idElement) ? idElement.GetString() : null;

    using var buffer = new MemoryStream();
    using (var json = new Utf8JsonWriter(buffer))
    {
        json.WriteStartObject();
        json.WriteString("type", "message");
        json.WritePropertyName("from");
        root.GetProperty("recipient").WriteTo(json);
        json.WritePropertyName("recipient");
        root.GetProperty("from").WriteTo(json);
        json.WritePropertyName("conversation");
        root.GetProperty("conversation").WriteTo(json);
        if (id is not null)
        {
            json.WriteString("replyToId", id);
        }

        json.WriteStartArray("attachments");
        json.WriteStartObject();
        json.WriteString("contentType", "application/vnd.microsoft.card.adaptive");
        json.WriteStartObject("content");
        json.WriteString("type", "AdaptiveCard");
        json.WriteString("version", "1.5");
        json.WriteStartArray("body");
        json.WriteStartObject();
        json.WriteString("type", "TextBlock");
        json.WriteString("text", "Hulp");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    var url = $"{serviceUrl}/v3/conversations/{Uri.EscapeDataString(conversation)}/activities" + (id is null ? string.Empty : "/" + Uri.EscapeDataString(id));
    using var content = new ByteArrayContent(buffer.GetBuffer(), 0, (int)buffer.Length);
    content.Headers.ContentType = new("application/json") { CharSet = Encoding.UTF8.WebName };
    using var response = await http.PostAsync(url, content, cancellationToken);
    return Results.StatusCode(response.IsSuccessStatusCode ? 200 : 502);
});

app.Run();
