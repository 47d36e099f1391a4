using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PestProtocol.Bot.Features.Cases;

/// <summary>Registers the case use cases (scoped: one per turn, sharing the turn's database context and transaction).</summary>
public static class CasesServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="CaseAccess"/>, <see cref="ApplyStep"/>, <see cref="OpenCase"/>, <see cref="TakeCase"/> (scoped),
    /// <see cref="CaseRoles"/> and <see cref="TurnScoped{T}"/> (singletons). Needs the directory, the case store and
    /// the case notifier.
    /// </summary>
    public static IServiceCollection AddCaseUseCases(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<CaseRoles>();
        services.TryAddSingleton(typeof(TurnScoped<>));
        services.TryAddScoped<CaseAccess>();
        services.TryAddScoped<ApplyStep>();
        services.TryAddScoped<OpenCase>();
        services.TryAddScoped<TakeCase>();
        services.TryAddSingleton<CaseOwnership>();
        services.TryAddSingleton<IntakeHandOver>();
        services.TryAddScoped<HandOverCase>();
        return services;
    }
}
