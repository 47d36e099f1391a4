using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;

namespace PestProtocol.Bot.Tests.Persistence;

/// <summary>Compares snapshots value by value (records compare lists by reference; times compare as instants).</summary>
internal static class SnapshotAssert
{
    public static void Equal(CaseSnapshot expected, CaseSnapshot actual)
    {
        Assert.Equal(expected with { SignalIds = [], Dossier = [] }, actual with { SignalIds = [], Dossier = [] }, new SnapshotScalars());
        Assert.Equal(expected.SignalIds, actual.SignalIds);
        Assert.Equal(expected.Dossier.Count, actual.Dossier.Count);
        for (var i = 0; i < expected.Dossier.Count; i++)
        {
            EntryEqual(expected.Dossier[i], actual.Dossier[i]);
        }
    }

    public static void EntryEqual(DossierEntry expected, DossierEntry actual)
    {
        Assert.Equal(Scalars(expected), Scalars(actual));
        Assert.Equal(expected.Participants, actual.Participants);
        Assert.Equal(expected.Agreements, actual.Agreements);
        Assert.Equal(expected.ChecklistItemIds, actual.ChecklistItemIds);
        Assert.Equal(expected.InformedRoles, actual.InformedRoles);
        Assert.Equal(expected.Signatures, actual.Signatures);
    }

    private static readonly IReadOnlyList<Domain.Roles.CaseParticipant> NoParticipants = [];
    private static readonly IReadOnlyList<string> NoStrings = [];
    private static readonly IReadOnlyList<Domain.Roles.StaffRole> NoRoles = [];

    private static DossierEntry Scalars(DossierEntry e) => e with
    {
        Participants = NoParticipants, Agreements = NoStrings, ChecklistItemIds = NoStrings, InformedRoles = NoRoles, Signatures = NoParticipants,
    };

    /// <summary>Record equality after emptying the lists into one shared instance.</summary>
    private sealed class SnapshotScalars : IEqualityComparer<CaseSnapshot>
    {
        private static readonly IReadOnlyList<string> NoIds = [];
        private static readonly IReadOnlyList<DossierEntry> NoEntries = [];

        public bool Equals(CaseSnapshot? x, CaseSnapshot? y) =>
            x is not null && y is not null && (x with { SignalIds = NoIds, Dossier = NoEntries }).Equals(y with { SignalIds = NoIds, Dossier = NoEntries });

        public int GetHashCode(CaseSnapshot obj) => obj.Id.GetHashCode();
    }
}
