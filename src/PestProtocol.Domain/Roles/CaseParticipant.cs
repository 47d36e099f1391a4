namespace PestProtocol.Domain.Roles;

/// <summary>Someone who took part in a step: an opaque reference (student ref, staff id, "ouders") and their role.</summary>
/// <param name="Reference">Opaque reference (a directory id, or a reference made for a student typed by hand); never a name.</param>
/// <param name="Role">The part they play in this case.</param>
/// <param name="Name">
/// Only for a student who is not in the directory (typed by hand on the card, e.g. a bully at another school): the name
/// as typed, because there is no other way to know who he is. Null for everyone the directory knows (their names are
/// looked up when shown, never stored). Erasure (wissen) replaces it.
/// </param>
public sealed record CaseParticipant(string Reference, ParticipantRole Role, string? Name = null);
