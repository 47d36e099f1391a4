namespace PestProtocol.Bot.Features.Records;

/// <summary>Serves a dossier's PDF behind a sealed, short-lived link. Every refusal is the same plain page (no hint whether a case exists).</summary>
public static class DossierPdfEndpoint
{
    public const string GoneText = "Deze link werkt niet (meer). Een link naar een PDF werkt maar een paar minuten: vraag in de chat met PestProtocol een nieuwe aan met 'dossier <code> pdf'.";

    public static async Task<IResult> GetAsync(string token, HttpContext http, PdfLinks links, DossierRecords records, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(clock);
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        http.Response.Headers["X-Content-Type-Options"] = "nosniff";
        var ticket = links.Open(token, clock.GetUtcNow());
        var pdf = ticket is null ? null : await records.PdfAsync(ticket, cancellationToken).ConfigureAwait(false);
        if (pdf is not { } file)
        {
            return Results.Text(GoneText, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }

        return Results.File(file.Pdf, "application/pdf", file.FileName);
    }
}
