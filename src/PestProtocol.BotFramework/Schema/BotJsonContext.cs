using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;

namespace PestProtocol.BotFramework.Schema;

/// <summary>
/// Compile-time JSON metadata for the wire schema and the state that every turn reads and writes: no reflection, no
/// emitted accessors and no JIT of them at run time. Metadata only: <see cref="BotJson.Options"/> (web defaults, the
/// relaxed encoder, nulls left out) decide how these types are read and written, exactly as with the reflection
/// resolver, which stays behind this context for every type not listed here (cards, the bot's own state records).
/// </summary>
/// <remarks>
/// The serialisation fast path is not used: it requires the default encoder, and ours (relaxed) writes Dutch text as
/// it is (<c>é</c>, not <c>\u00E9</c>), which is what every channel got so far. Bytes on the wire stay the same
/// (<c>BotJsonContextTests</c> compares them with the reflection resolver's).
/// </remarks>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, GenerationMode = JsonSourceGenerationMode.Metadata, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ConversationReference))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ConversationResourceResponse))]
[JsonSerializable(typeof(ConversationParameters))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(TeamsChannelData))]
[JsonSerializable(typeof(AdaptiveCardInvokeValue))]
[JsonSerializable(typeof(SearchInvokeValue))]
[JsonSerializable(typeof(AdaptiveCardInvokeResponse))]
[JsonSerializable(typeof(SearchInvokeResponse))]
[JsonSerializable(typeof(DialogState))]
[JsonSerializable(typeof(PromptOptions))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(bool))]
internal sealed partial class BotJsonContext : JsonSerializerContext;
