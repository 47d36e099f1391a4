using Microsoft.Extensions.DependencyInjection.Extensions;
using PestProtocol.Bot.Commands;
using PestProtocol.Bot.Features.Records.DataSubject;
using PestProtocol.BotFramework.Dialogs;

namespace PestProtocol.Bot.Features.Records;

/// <summary>Registers the records feature: access log, Magister note, PDF and its link, a data subject's inzage and wissen.</summary>
public static class RecordsServiceCollectionExtensions
{
    /// <summary>inzage &lt;leerling&gt;: everything held about one student (anti-pestcoördinator of the student's location).</summary>
    public static readonly BotCommand ExportCommand = new(
        "inzage",
        ["/inzage", "inzageverzoek"],
        SubjectExportDialog.DialogId,
        "Inzage in gegevens leerling",
        "Alles wat PestProtocol over één leerling bewaart, om een verzoek van ouders te beantwoorden (alleen de anti-pestcoördinator). Typ 'inzage' en de naam.",
        Audience.Staff,
        "een inzageverzoek",
        Order: 80);

    /// <summary>wissen &lt;leerling&gt;: erase what is held about one student, after a confirmation (anti-pestcoördinator of the student's location).</summary>
    public static readonly BotCommand EraseCommand = new(
        "wissen",
        ["/wissen", "verwijderverzoek"],
        SubjectErasureDialog.DialogId,
        "Gegevens leerling wissen",
        "Alle gegevens over één leerling wissen op een gerechtvaardigd verzoek, met een reden en een bevestiging (alleen de anti-pestcoördinator). Typ 'wissen' en de naam.",
        Audience.Staff,
        "een wisverzoek",
        Order: 81);

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
        services.TryAddSingleton<SubjectExportLinks>();
        services.TryAddScoped<DataSubjectRequests>();
        services.AddSingleton<Dialog, SubjectExportDialog>();
        services.AddSingleton<Dialog, SubjectErasureDialog>();
        services.AddSingleton(ExportCommand);
        services.AddSingleton(EraseCommand);
        return services;
    }

    /// <summary>GET /dossier-pdf/{token}: the PDF behind a link made in the chat (see <see cref="PdfLinks"/>); GET /inzage/{token}: a data-subject export (see <see cref="SubjectExportLinks"/>).</summary>
    public static IEndpointRouteBuilder MapDossierPdf(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(PdfLinks.PathPrefix + "{token}", DossierPdfEndpoint.GetAsync);
        endpoints.MapGet(SubjectExportLinks.PathPrefix + "{token}", SubjectExportEndpoint.GetAsync);
        return endpoints;
    }
}
