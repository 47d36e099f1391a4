namespace PestProtocol.Domain.Roles;

/// <summary>A staff member acting in a case: an opaque staff id (from the directory) and the role they act in.</summary>
/// <param name="StaffId">Opaque directory id; never a name.</param>
/// <param name="Role">The role in which this person acts.</param>
public sealed record StaffRef(string StaffId, StaffRole Role);
