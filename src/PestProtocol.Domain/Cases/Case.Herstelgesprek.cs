using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Routes;

namespace PestProtocol.Domain.Cases;

// Herstelgesprek (Bijlage 8) – optioneel na route B of route D.
public sealed partial class Case
{
    /// <summary>
    /// Herstelgesprek (Bijlage 8), after route B (from B.4) or route D (from D.5): the agreement is signed in a fixed
    /// order: dader(s), slachtoffer(s), then the ondersteuners (everyone else).
    /// </summary>
    public DossierEntry HoldHerstelgesprek(StaffRef by, DateTimeOffset now, HerstelgesprekAgreement agreement)
    {
        var to = EnsureAllowed(CaseCommand.HoldHerstelgesprek);
        ArgumentNullException.ThrowIfNull(agreement);
        RequireText(agreement.Agreement);
        RequireParticipants(agreement.Participants, ParticipantRole.Victim, ParticipantRole.Bully);
        if (!IsValidSigningOrder(agreement.SigningOrder))
        {
            throw Violations.Of(ViolationCode.SigningOrderInvalid);
        }

        return Record(to, by, now, agreement.Agreement, e => e with
        {
            Participants = agreement.Participants.ToList(),
            Agreements = [agreement.Agreement.Trim()],
            Signatures = agreement.SigningOrder.ToList(),
        });
    }

    /// <summary>
    /// True when at least one bully and one victim signed, and every bully signed before every victim, and every
    /// victim before every supporter.
    /// </summary>
    public static bool IsValidSigningOrder(IReadOnlyList<CaseParticipant>? signingOrder)
    {
        if (signingOrder is null || signingOrder.Count == 0 || signingOrder.Any(p => p is null || string.IsNullOrWhiteSpace(p.Reference)))
        {
            return false;
        }

        var ranks = signingOrder.Select(p => SigningRank(p.Role)).ToList();
        var ordered = ranks.Zip(ranks.Skip(1)).All(pair => pair.First <= pair.Second);
        return ordered && ranks.Contains(0) && ranks.Contains(1);
    }

    private static int SigningRank(ParticipantRole role) => role switch
    {
        ParticipantRole.Bully => 0,
        ParticipantRole.Victim => 1,
        _ => 2,
    };
}
