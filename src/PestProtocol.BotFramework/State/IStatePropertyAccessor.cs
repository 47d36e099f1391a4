using PestProtocol.BotFramework.Builder;

namespace PestProtocol.BotFramework.State;

/// <summary>
/// A named, typed property of a bot state scope (conversation or user). The scope is loaded once per
/// turn and saved at its end; the accessor reads and writes the cached copy.
/// </summary>
public interface IStatePropertyAccessor<T>
{
    string Name { get; }

    /// <summary>The value, or (when absent) the value of <paramref name="defaultValueFactory"/>, which is then stored.</summary>
    Task<T> GetAsync(ITurnContext turnContext, Func<T> defaultValueFactory, CancellationToken cancellationToken = default);

    Task SetAsync(ITurnContext turnContext, T value, CancellationToken cancellationToken = default);

    Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default);
}
