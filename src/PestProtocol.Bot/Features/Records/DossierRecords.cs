using PestProtocol.Bot.Features.Overview.Cards;
using PestProtocol.Bot.Features.Overview;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Cards;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Features.Records;

/// <summary>
/// The use cases of a dossier leaving the bot: show it, make a note for Magister, make a link to its PDF, serve that
/// PDF. Each checks that the staff member has a role in the case (never trusting a card's data) and writes a line in
/// the access log. Scoped (one per turn or request).
/// </summary>
public sealed class DossierRecords(ICaseStore store, IDossierAccessLog accessLog, CaseViews views, IDirectory directory, PdfLinks pdfLinks, TimeProvider clock)
{
    /// <summary>How many access-log lines a coordinator sees on the dossier card.</summary>
    public const int AccessLogLines = 30;

    /// <summary>The dossier cards of the cases with this code the person may see (normally one). Each view is logged.</summary>
    public async Task<IReadOnlyList<AdaptiveCard>> ShowAsync(DirectoryPerson person, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var cards = new List<AdaptiveCard>();
        foreach (var (@case, caseCode) in await AllowedCasesAsync(person, code, cancellationToken).ConfigureAwait(false))
        {
            var now = clock.GetUtcNow();
            await accessLog.RecordAsync(@case.Id, @case.LocationId, person.Id, DossierAccessKind.Viewed, now, null, null, cancellationToken).ConfigureAwait(false);
            var view = await ViewAsync(person, @case, caseCode, cancellationToken).ConfigureAwait(false);
            cards.Add(DossierCard.Build(view));
        }

        return cards;
    }

    /// <summary>
    /// The Magister note card from entry <paramref name="from"/> on (null: from the first entry not yet in a note,
    /// or all when every entry is). Null when the person may not see the case. The entries are then marked in Magister.
    /// </summary>
    public async Task<AdaptiveCard?> MagisterNoteAsync(DirectoryPerson person, string code, int? from, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var found = (await AllowedCasesAsync(person, code, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        if (found.Case is null)
        {
            return null;
        }

        var (@case, caseCode) = found;
        var view = await ViewAsync(person, @case, caseCode, cancellationToken).ConfigureAwait(false);
        var start = from ?? @case.Dossier.OrderBy(e => e.Sequence).FirstOrDefault(e => !view.InMagister.ContainsKey(e.Sequence))?.Sequence;
        if (start is null)
        {
            return NothingNewCard(caseCode);
        }

        var entries = MagisterNote.EntriesFrom(view, start.Value);
        if (entries.Count == 0)
        {
            // "vanaf 40" on a dossier of 12 entries: say so, and offer the whole dossier.
            return NothingFromCard(caseCode, start.Value, @case.Dossier.Count);
        }

        var now = clock.GetUtcNow();
        var note = MagisterNote.Compose(view, entries, now);
        await accessLog.RecordAsync(@case.Id, @case.LocationId, person.Id, DossierAccessKind.MagisterNote, now, entries[0].Sequence, entries[^1].Sequence, cancellationToken).ConfigureAwait(false);
        return MagisterNoteCard.Build(caseCode, note, entries[0].Sequence, entries[^1].Sequence, entries.Any(e => view.InMagister.ContainsKey(e.Sequence)));
    }

    /// <summary>
    /// A note card for the Magister logbook of each bully the case names (at most <see cref="Case.MaxBullies"/>), with
    /// his part only; a card saying so when there is none. Null when the person may not see the case. Logged.
    /// </summary>
    public async Task<IReadOnlyList<AdaptiveCard>?> BullyMagisterNotesAsync(DirectoryPerson person, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var found = (await AllowedCasesAsync(person, code, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        if (found.Case is null)
        {
            return null;
        }

        var (@case, caseCode) = found;
        var view = await ViewAsync(person, @case, caseCode, cancellationToken).ConfigureAwait(false);
        var cards = new List<AdaptiveCard>();
        var now = clock.GetUtcNow();
        foreach (var bully in @case.Bullies.Where(b => b.Reference != Melding.CaseParticipants.BullyNotInDirectory))
        {
            var entries = MagisterNote.EntriesOfBully(view, bully.Reference);
            if (entries.Count == 0)
            {
                continue;
            }

            var note = MagisterNote.ComposeForBully(view, bully.Reference, entries, now);
            await accessLog.RecordAsync(@case.Id, @case.LocationId, person.Id, DossierAccessKind.BullyMagisterNote, now, entries[0].Sequence, entries[^1].Sequence, cancellationToken).ConfigureAwait(false);
            var name = view.PupilNames.TryGetValue(bully.Reference, out var n) ? NameForms.Clean(n) : "de dader";
            cards.Add(MagisterNoteCard.Build(caseCode, note, entries[0].Sequence, entries[^1].Sequence, false, name));
        }

        if (cards.Count == 0)
        {
            cards.Add(Cards.CardParts.NewCard(Cards.CardParts.Paragraph(string.Format(System.Globalization.CultureInfo.InvariantCulture, MagisterNoteCard.NoBullyText, caseCode))));
        }

        return cards;
    }

    /// <summary>A card with a short-lived link to the case's PDF, or null when the person may not see the case.</summary>
    public async Task<AdaptiveCard?> PdfLinkAsync(DirectoryPerson person, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var found = (await AllowedCasesAsync(person, code, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        if (found.Case is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var last = found.Case.Dossier.Count;
        await accessLog.RecordAsync(found.Case.Id, found.Case.LocationId, person.Id, DossierAccessKind.PdfRequested, now, last > 0 ? 1 : null, last > 0 ? last : null, cancellationToken).ConfigureAwait(false);
        var link = pdfLinks.Create(found.Case.Id, person.Id, now);
        return PdfLinkCard.Build(found.Code, link, pdfLinks.Lifetime);
    }

    /// <summary>
    /// The PDF behind a link: null when the ticket's staff member no longer has a role in the case or the case is gone.
    /// The download is logged.
    /// </summary>
    public async Task<(byte[] Pdf, string FileName)?> PdfAsync(PdfLinkTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var person = await directory.FindPersonAsync(ticket.StaffId, cancellationToken).ConfigureAwait(false);
        if (person is not { IsStaff: true } || !await store.IsMemberAsync(ticket.CaseId, ticket.StaffId, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var @case = await store.FindAsync(ticket.CaseId, cancellationToken).ConfigureAwait(false);
        var summary = await store.GetSummaryAsync(ticket.CaseId, cancellationToken).ConfigureAwait(false);
        if (@case is null || summary is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var view = await views.DossierAsync(summary.CaseCode, @case, cancellationToken).ConfigureAwait(false);
        var pdf = DossierPdf.Render(view, person.DisplayName, now);
        var last = @case.Dossier.Count;
        await accessLog.RecordAsync(@case.Id, @case.LocationId, person.Id, DossierAccessKind.PdfDownloaded, now, last > 0 ? 1 : null, last > 0 ? last : null, cancellationToken).ConfigureAwait(false);
        return (pdf, $"dossier-{summary.CaseCode}.pdf");
    }

    /// <summary>True when the person is the anti-pestcoördinator of the case's location.</summary>
    public static bool IsCoordinatorOf(DirectoryPerson person, Case @case)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(@case);
        return person.HasRole(StaffRole.AntiPestCoordinator, @case.LocationId);
    }

    private async Task<DossierView> ViewAsync(DirectoryPerson person, Case @case, string caseCode, CancellationToken cancellationToken)
    {
        var notes = await accessLog.MagisterNotesAsync(@case.Id, cancellationToken).ConfigureAwait(false);
        var inMagister = new Dictionary<int, DateTimeOffset>();
        foreach (var note in notes)
        {
            for (var s = note.FromSequence ?? 0; s <= (note.ToSequence ?? -1); s++)
            {
                inMagister.TryAdd(s, note.At);
            }
        }

        var log = IsCoordinatorOf(person, @case) ? await accessLog.ListForCaseAsync(@case.Id, AccessLogLines, cancellationToken).ConfigureAwait(false) : null;
        var view = await views.DossierAsync(caseCode, @case, log?.Select(l => l.StaffId) ?? [], cancellationToken).ConfigureAwait(false);
        return view with { InMagister = inMagister, AccessLog = log };
    }

    /// <summary>The cases with this code in the person's locations in which the person has a role.</summary>
    private async Task<IReadOnlyList<(Case Case, string Code)>> AllowedCasesAsync(DirectoryPerson person, string code, CancellationToken cancellationToken)
    {
        var result = new List<(Case, string)>();
        if (!person.IsStaff || string.IsNullOrWhiteSpace(code))
        {
            return result;
        }

        var ids = await store.FindIdsByCodeAsync(code.Trim(), CaseViews.LocationsOf(person), cancellationToken).ConfigureAwait(false);
        foreach (var id in ids)
        {
            if (!await store.IsMemberAsync(id, person.Id, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            var found = await store.FindAsync(id, cancellationToken).ConfigureAwait(false);
            var summary = await store.GetSummaryAsync(id, cancellationToken).ConfigureAwait(false);
            if (found is not null && summary is not null)
            {
                result.Add((found, summary.CaseCode));
            }
        }

        return result;
    }

    private static AdaptiveCard NothingNewCard(string caseCode) =>
        Cards.CardParts.NewCard(Cards.CardParts.Paragraph(string.Format(System.Globalization.CultureInfo.InvariantCulture, MagisterNoteCard.NothingNewText, caseCode)));

    private static AdaptiveCard NothingFromCard(string caseCode, int from, int count) =>
        Cards.CardParts.NewCard(Cards.CardParts.Paragraph($"Dit dossier heeft {count} stappen, dus er is geen stap #{from}. Typ bijvoorbeeld 'dossier {caseCode} magister vanaf 1' voor het hele dossier."));
}
