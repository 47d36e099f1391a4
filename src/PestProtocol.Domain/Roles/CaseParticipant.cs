namespace PestProtocol.Domain.Roles;

/// <summary>Someone who took part in a step: an opaque reference (student ref, staff id, "ouders") and their role.</summary>
/// <param name="Reference">Opaque reference; never a name.</param>
/// <param name="Role">The part they play in this case.</param>
public sealed record CaseParticipant(string Reference, ParticipantRole Role);
