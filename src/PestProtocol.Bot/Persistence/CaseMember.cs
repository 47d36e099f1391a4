using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Persistence;

/// <summary>A staff member who has a role in a case, and so may see it.</summary>
/// <param name="StaffId">Entra (AAD) object id.</param>
/// <param name="Role">The role they have in this case.</param>
public sealed record CaseMember(string StaffId, StaffRole Role);
