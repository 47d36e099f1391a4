using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PestProtocol.Bot.Features.Records;

/// <summary>Registers the records feature: access log, Magister note, PDF and its link.</summary>
public static class RecordsServiceCollectionExtensions
{
    /// <summary>Adds the access log and the dossier use cases (scoped), the PDF links (singleton) and <see cref="RecordsOptions"/> from section <c>Records</c>.</summary>
    public static IServiceCollection AddRecords(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RecordsOptions>().Bind(configuration.GetSection("Records"));
        services.TryAddSingleton<PdfLinks>();
        services.TryAddScoped<IDossierAccessLog, DossierAccessLog>();
        services.TryAddScoped<DossierRecords>();
        services.AddOptions<Retention.RetentionOptions>().Bind(configuration.GetSection("Retention"));
        services.TryAddScoped<Retention.RetentionPurge>();
        services.AddHostedService<Retention.RetentionJob>();
        return services;
    }

    /// <summary>GET /dossier-pdf/{token}: the PDF behind a link made in the chat (see <see cref="PdfLinks"/>).</summary>
    public static IEndpointRouteBuilder MapDossierPdf(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(PdfLinks.PathPrefix + "{token}", DossierPdfEndpoint.GetAsync);
        return endpoints;
    }
}
