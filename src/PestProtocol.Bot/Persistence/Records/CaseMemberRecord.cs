using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Persistence.Records;

/// <summary>One row of <c>case_members</c>: a staff member (Entra object id) has a role in a case and may therefore see it.</summary>
public sealed class CaseMemberRecord
{
    public Guid CaseId { get; set; }

    public string StaffId { get; set; } = string.Empty;

    public StaffRole Role { get; set; }

    public DateTimeOffset AddedAt { get; set; }
}
