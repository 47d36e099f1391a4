using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Localization;
using Route = PestProtocol.Domain.Routes.Route;

namespace PestProtocol.Bot.Persistence;

/// <summary>One line of an overview (/overzicht): enough to recognise a case and see what has to happen next.</summary>
/// <param name="CaseId">Case id.</param>
/// <param name="CaseCode">
/// Short code for humans: <c>{year}-{number:0000}</c>, e.g. <c>2026-0007</c>, numbered per location and year (the year the case
/// was opened). Unique within a location; show it with the location when cases of several locations are listed together.
/// </param>
/// <param name="LocationId">Location (vestiging) id.</param>
/// <param name="StudentRef">Opaque student reference.</param>
/// <param name="ClassName">The student's class.</param>
/// <param name="CurrentStep">The last step carried out.</param>
/// <param name="CurrentRoute">The route the case is in, if one was chosen.</param>
/// <param name="NextAction">What has to happen next, from the domain.</param>
/// <param name="OpenedAt">When the case was opened (UTC).</param>
/// <param name="LastActivityAt">When the last dossier entry was recorded (UTC).</param>
/// <param name="NextFollowUpDate">The planned follow-up date, if any (UTC).</param>
public sealed record CaseSummary(
    Guid CaseId,
    string CaseCode,
    string LocationId,
    string StudentRef,
    string ClassName,
    ProtocolStep CurrentStep,
    Route? CurrentRoute,
    LocalizedText NextAction,
    DateTimeOffset OpenedAt,
    DateTimeOffset LastActivityAt,
    DateTimeOffset? NextFollowUpDate);
