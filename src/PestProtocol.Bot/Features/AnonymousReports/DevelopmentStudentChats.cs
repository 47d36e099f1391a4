using System.Collections.Concurrent;
using PestProtocol.Bot.Features.FollowUps;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;
using IMiddleware = PestProtocol.BotFramework.Builder.IMiddleware;

namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>
/// Local development only, and only when asked for (<c>Development:StudentChats</c> = true, without a MicrosoftAppId): remembers
/// a student's personal chat IN PROCESS MEMORY, so the Agents Playground, which cannot play Teams' app installation, can show
/// messages the outbox sends to students (the reply notice, the thermometer's invitation). In Teams a student's chat is never
/// kept: the dispatcher reaches students by installing the app for them. Nothing here reaches the database, and nothing
/// here knows of any report. Off (the default, and always with a MicrosoftAppId) it only passes the turn on.
/// </summary>
public sealed class DevelopmentStudentChats(IConfiguration? configuration, IDirectory directory) : IMiddleware
{
    /// <summary>The setting that switches it on (development mode only).</summary>
    public const string Setting = "Development:StudentChats";

    private readonly ConcurrentDictionary<string, ConversationReference> _chats = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when it remembers students' chats: development mode and the setting on.</summary>
    public bool IsOn { get; } = IsOnFor(configuration);

    /// <summary>True when <paramref name="configuration"/> runs the bot in development mode with <see cref="Setting"/> on.</summary>
    public static bool IsOnFor(IConfiguration? configuration) =>
        configuration is not null && DevelopmentClock.IsDevelopmentMode(configuration) && bool.TryParse(configuration[Setting], out var on) && on;

    /// <inheritdoc />
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        if (IsOn
            && turnContext.Activity is { From.AadObjectId: { Length: > 0 } id, Conversation.Id: { Length: > 0 }, ServiceUrl: { Length: > 0 } } activity
            && activity.Conversation.IsGroup != true
            && string.Equals(activity.Conversation.ConversationType ?? "personal", "personal", StringComparison.OrdinalIgnoreCase)
            && await directory.FindPersonAsync(id, cancellationToken).ConfigureAwait(false) is { IsStaff: false })
        {
            var reference = activity.GetConversationReference();
            reference.ActivityId = null;
            _chats[id] = reference;
        }

        await next(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The student's remembered chat, or null.</summary>
    public ConversationReference? Find(string aadObjectId) => _chats.TryGetValue(aadObjectId, out var reference) ? reference : null;
}

/// <summary>The stored references, and in development (<see cref="DevelopmentStudentChats"/>) a student's chat from memory.</summary>
public sealed class DevelopmentConversationReferenceStore(IConversationReferenceStore inner, DevelopmentStudentChats students) : IConversationReferenceStore
{
    /// <inheritdoc />
    public Task SaveAsync(string userAadObjectId, ConversationReference reference, CancellationToken cancellationToken) =>
        inner.SaveAsync(userAadObjectId, reference, cancellationToken);

    /// <inheritdoc />
    public async Task<ConversationReference?> FindAsync(string userAadObjectId, CancellationToken cancellationToken) =>
        await inner.FindAsync(userAadObjectId, cancellationToken).ConfigureAwait(false) ?? students.Find(userAadObjectId);
}
