using System.Collections.Frozen;
using PestProtocol.Bot.Configuration;

namespace PestProtocol.Bot.CardActions;

/// <summary>
/// The card-action handlers by verb (as teams.net's router registers routes by name): every verb a handler names in
/// <see cref="ICardActionHandler.Verbs"/> maps to exactly that handler. A verb claimed by two handlers stops the bot at
/// start (<see cref="BotConfigurationException"/> naming the verb and both handlers) instead of one silently shadowing
/// the other. Built once, at start (see <c>PestProtocolApp</c>).
/// </summary>
public sealed class CardActionRouter
{
    private readonly FrozenDictionary<string, ICardActionHandler> _byVerb;

    public CardActionRouter(IEnumerable<ICardActionHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        var byVerb = new Dictionary<string, ICardActionHandler>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var handler in handlers)
        {
            foreach (var verb in handler.Verbs)
            {
                if (string.IsNullOrWhiteSpace(verb))
                {
                    problems.Add($"Card actions: {handler.GetType().Name} registers an empty verb.");
                }
                else if (!byVerb.TryAdd(verb, handler))
                {
                    problems.Add($"Card actions: the verb '{verb}' is registered twice, by {byVerb[verb].GetType().Name} and by {handler.GetType().Name}. Give one of them another verb.");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new BotConfigurationException(problems);
        }

        _byVerb = byVerb.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Every registered verb.</summary>
    public IReadOnlyCollection<string> Verbs => _byVerb.Keys;

    /// <summary>The handler registered for <paramref name="verb"/>, or null (then the action belongs to a dialog's card).</summary>
    public ICardActionHandler? Find(string? verb) =>
        verb is { Length: > 0 } && _byVerb.TryGetValue(verb, out var handler) ? handler : null;
}
