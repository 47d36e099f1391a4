using System.Text;
using PestProtocol.Bot.SchoolDirectory;

namespace PestProtocol.Bot.Features.Records.DataSubject;

/// <summary>GET /inzage/{token}: the export behind a link made in the chat. Every refusal is the same plain page.</summary>
public static class SubjectExportEndpoint
{
    public const string GoneText = "Deze link werkt niet (meer). Een link naar een inzage-overzicht werkt maar een paar minuten: vraag in de chat met PestProtocol een nieuwe aan met 'inzage' en de naam van de leerling.";

    public static async Task<IResult> GetAsync(string token, HttpContext http, SubjectExportLinks links, DataSubjectRequests requests, IDirectory directory, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(clock);
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        http.Response.Headers["X-Content-Type-Options"] = "nosniff";
        var ticket = links.Open(token, clock.GetUtcNow());
        var staff = ticket is null ? null : await directory.FindPersonAsync(ticket.StaffId, cancellationToken).ConfigureAwait(false);
        var student = ticket is null ? null : await directory.FindPersonAsync(ticket.StudentId, cancellationToken).ConfigureAwait(false);
        if (student is null && staff is not null && ticket is not null)
        {
            // A student who has left, or one typed into a case by name: found again by the reference, within the staff's locations.
            var found = await requests.FindStudentsAsync(staff, ticket.StudentId, cancellationToken).ConfigureAwait(false);
            student = found.Count == 1 && string.Equals(found[0].Id, ticket.StudentId, StringComparison.Ordinal) ? found[0] : null;
        }

        var export = staff is null || student is null ? null : await requests.ExportAsync(staff, student, cancellationToken).ConfigureAwait(false);
        if (export is null || ticket is null)
        {
            return Results.Text(GoneText, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }

        // The file name holds no name: only the day it was made.
        var day = export.MadeAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return ticket.Format == SubjectExportFormat.Json
            ? Results.File(Encoding.UTF8.GetBytes(SubjectExportDocument.ToJson(export)), "application/json; charset=utf-8", $"inzage-{day}.json")
            : Results.File(Encoding.UTF8.GetBytes(SubjectExportDocument.ToText(export)), "text/plain; charset=utf-8", $"inzage-{day}.txt");
    }
}
