using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Tests.Schema;

/// <summary>
/// The activities captured from the Microsoft 365 Agents Playground (tests/e2e/capture/capture.mjs),
/// copied next to the test assembly.
/// </summary>
internal static class Corpus
{
    public const string BotId = "e2e0b000-0000-4000-a000-00000000b001";
    public const string UserId = "29:e2e-mentor";
    public const string UserAadObjectId = "e2e0c000-0000-4000-a000-000000000001";
    public const string TenantId = "e2e0a000-0000-4000-a000-00000000a001";
    public const string PersonalChatId = "a:e2e-personal-chat";
    public const string TeamId = "19:e2e-team-general@thread.tacv2";
    public const string ChannelId = "19:e2e-channel-zorg@thread.tacv2";

    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static IEnumerable<string> FileNames() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    public static string Text(string fileName) => File.ReadAllText(Path.Combine(Directory, fileName));

    public static Activity Load(string fileName) =>
        BotJson.Deserialize<Activity>(Text(fileName)) ?? throw new InvalidDataException($"{fileName} is not an activity");

    private static readonly JsonSerializerOptions CanonicalWriting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The JSON with object keys sorted and every string and number written as the text it was parsed
    /// from: two documents have the same canonical form only when they hold the same keys, the same
    /// nulls and the same number spellings (<c>1.50</c> and <c>1.5</c> differ), whatever the key order.
    /// </summary>
    public static string Canonical(string json)
    {
        var builder = new StringBuilder();
        Write(JsonNode.Parse(json), builder);
        return builder.ToString();
    }

    private static void Write(JsonNode? node, StringBuilder builder)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                builder.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    builder.Append(first ? "" : ",").Append(JsonSerializer.Serialize(key, CanonicalWriting)).Append(':');
                    Write(value, builder);
                    first = false;
                }
                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    builder.Append(i == 0 ? "" : ",");
                    Write(array[i], builder);
                }
                builder.Append(']');
                break;
            default:
                builder.Append(node.ToJsonString(CanonicalWriting));
                break;
        }
    }
}
