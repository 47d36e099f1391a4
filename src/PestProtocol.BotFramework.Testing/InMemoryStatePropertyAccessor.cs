using System.Text.Json;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.State;

namespace PestProtocol.BotFramework.Testing;

/// <summary>
/// A state property for tests that keeps its value ONLY as JSON between turns, like real storage: the
/// first read of a turn deserialises it, and (as middleware: <c>adapter.Use(accessor)</c>) the turn's
/// value is serialised when the turn ends. Nothing survives a turn by object reference.
/// </summary>
public sealed class InMemoryStatePropertyAccessor<T>(string name) : IStatePropertyAccessor<T>, IMiddleware
{
    private readonly string _turnKey = $"{typeof(InMemoryStatePropertyAccessor<T>).FullName}:{name}:{Guid.NewGuid():N}";

    public string Name { get; } = name;

    /// <summary>The stored JSON (null when nothing is stored).</summary>
    public string? Json { get; private set; }

    public Task<T> GetAsync(ITurnContext turnContext, Func<T> defaultValueFactory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(defaultValueFactory);
        var cached = turnContext.TurnState.Get<Holder>(_turnKey);
        if (cached is { Deleted: false, Value: not null })
        {
            return Task.FromResult(cached.Value);
        }

        var value = Json is not null && cached is not { Deleted: true } ? JsonSerializer.Deserialize<T>(Json, BotJson.Options)! : defaultValueFactory();
        turnContext.TurnState.Set(_turnKey, new Holder { Value = value });
        return Task.FromResult(value);
    }

    public Task SetAsync(ITurnContext turnContext, T value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        turnContext.TurnState.Set(_turnKey, new Holder { Value = value });
        return Task.CompletedTask;
    }

    public Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        turnContext.TurnState.Set(_turnKey, new Holder { Deleted = true });
        return Task.CompletedTask;
    }

    /// <summary>Writes this turn's value as JSON (called by the middleware at the end of the turn).</summary>
    public void SaveChanges(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        switch (turnContext.TurnState.Get<Holder>(_turnKey))
        {
            case { Deleted: true }:
                Json = null;
                break;
            case { Value: { } value }:
                Json = JsonSerializer.Serialize(value, BotJson.Options);
                break;
        }
    }

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        await next(cancellationToken).ConfigureAwait(false);
        SaveChanges(turnContext);
    }

    private sealed class Holder
    {
        public T? Value { get; init; }

        public bool Deleted { get; init; }
    }
}
