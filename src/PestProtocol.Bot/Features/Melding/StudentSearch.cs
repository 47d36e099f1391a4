using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Features.Melding;

/// <summary>
/// The type-ahead of the student fields on /melding cards (<c>choices.data</c> dataset "students"): answers an
/// <c>application/search</c> invoke with "Naam (klas)" titles whose value is the student's directory id.
/// Also resolves what was typed by hand in clients without type-ahead.
/// </summary>
public sealed class StudentSearch(IDirectory directory)
{
    /// <summary>The dataset name the cards use.</summary>
    public const string Dataset = "students";

    private const int DefaultTop = 15;

    /// <summary>The answer to an <c>application/search</c> invoke for the "students" dataset.</summary>
    public async Task<SearchInvokeResponse> AnswerAsync(SearchInvokeValue value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        var query = value.QueryText?.Trim() ?? string.Empty;
        var response = new SearchInvokeResponse();
        if (query.Length == 0)
        {
            return response;
        }

        var top = Math.Clamp(value.QueryOptions?.Top ?? DefaultTop, 1, 50);
        var skip = Math.Max(value.QueryOptions?.Skip ?? 0, 0);
        var students = await directory.SearchStudentsAsync(query, skip + top, cancellationToken).ConfigureAwait(false);
        response.Value.Results = [.. students.Skip(skip).Take(top).Select(s => new SearchResult(Title(s), s.Id))];
        return response;
    }

    /// <summary>
    /// Students to offer before anything is typed (e.g. the victim's classmates for the bully field), as
    /// "Naam (klas)" choices; <paramref name="except"/> (the victim) is left out.
    /// </summary>
    public async Task<IReadOnlyList<Choice>> SuggestAsync(string query, string? except, CancellationToken cancellationToken)
    {
        var students = await directory.SearchStudentsAsync(query ?? string.Empty, 15, cancellationToken).ConfigureAwait(false);
        return [.. students.Where(s => !string.Equals(s.Id, except, StringComparison.OrdinalIgnoreCase)).Select(s => new Choice(Title(s), s.Id))];
    }

    /// <summary>"Naam (klas)".</summary>
    public static string Title(DirectoryPerson student)
    {
        ArgumentNullException.ThrowIfNull(student);
        return string.IsNullOrEmpty(student.ClassName) ? student.DisplayName : $"{student.DisplayName} ({student.ClassName})";
    }

    /// <summary>
    /// What a student field holds: a directory id (from the type-ahead) → that student; otherwise the text is
    /// searched: all matches (none, one, or several to choose from).
    /// </summary>
    public async Task<IReadOnlyList<DirectoryPerson>> ResolveAsync(string? idOrName, CancellationToken cancellationToken)
    {
        var text = idOrName?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var byId = await directory.FindPersonAsync(text, cancellationToken).ConfigureAwait(false);
        if (byId is { Kind: PersonKind.Student })
        {
            return [byId];
        }

        return await directory.SearchStudentsAsync(text, 10, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The student's id when the field names exactly one student, else null.</summary>
    public async Task<string?> ResolveOneAsync(string? idOrName, CancellationToken cancellationToken)
    {
        var found = await ResolveAsync(idOrName, cancellationToken).ConfigureAwait(false);
        return found.Count == 1 ? found[0].Id : null;
    }
}
