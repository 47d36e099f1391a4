using System.Text.Json;

namespace PestProtocol.BotFramework.State;

/// <summary>
/// A store that can remove documents nobody has written for a while: retention of abandoned state (e.g. a half-filled
/// form in a conversation's dialog stack). The stores record when each document was last written.
/// </summary>
public interface IStorageRetention
{
    /// <summary>
    /// Deletes every document last written before <paramref name="writtenBefore"/> for which <paramref name="shouldDelete"/>
    /// returns true, and returns how many were deleted. Each delete is conditional on the ETag the document was examined
    /// with, so a document written again in the meantime is kept. <paramref name="mustContain"/>, when given, is a cheap
    /// pre-filter: only documents whose JSON text contains it are examined (the match may ignore case).
    /// The predicate sees the document only, never its key.
    /// </summary>
    Task<int> DeleteWrittenBeforeAsync(DateTimeOffset writtenBefore, Func<JsonElement, bool> shouldDelete, string? mustContain = null, CancellationToken cancellationToken = default);
}
