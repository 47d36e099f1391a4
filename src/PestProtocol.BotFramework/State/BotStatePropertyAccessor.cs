using PestProtocol.BotFramework.Builder;

namespace PestProtocol.BotFramework.State;

/// <summary>A property of a <see cref="BotState"/>; loads the scope on first use in a turn.</summary>
internal sealed class BotStatePropertyAccessor<T>(BotState state, string name) : IStatePropertyAccessor<T>
{
    public string Name { get; } = name;

    public Task<T> GetAsync(ITurnContext turnContext, Func<T> defaultValueFactory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return state.GetScope(turnContext) is { } scope
            ? Task.FromResult(scope.Get(Name, defaultValueFactory))
            : LoadThenGetAsync(turnContext, defaultValueFactory, cancellationToken);
    }

    public Task SetAsync(ITurnContext turnContext, T value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (state.GetScope(turnContext) is { } scope)
        {
            scope.Set(Name, value);
            return Task.CompletedTask;
        }

        return LoadThenSetAsync(turnContext, value, cancellationToken);
    }

    public Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (state.GetScope(turnContext) is { } scope)
        {
            scope.Delete(Name);
            return Task.CompletedTask;
        }

        return LoadThenDeleteAsync(turnContext, cancellationToken);
    }

    private async Task<T> LoadThenGetAsync(ITurnContext turnContext, Func<T> defaultValueFactory, CancellationToken cancellationToken) =>
        (await state.GetLoadedScopeAsync(turnContext, cancellationToken).ConfigureAwait(false)).Get(Name, defaultValueFactory);

    private async Task LoadThenSetAsync(ITurnContext turnContext, T value, CancellationToken cancellationToken) =>
        (await state.GetLoadedScopeAsync(turnContext, cancellationToken).ConfigureAwait(false)).Set(Name, value);

    private async Task LoadThenDeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        (await state.GetLoadedScopeAsync(turnContext, cancellationToken).ConfigureAwait(false)).Delete(Name);
}
