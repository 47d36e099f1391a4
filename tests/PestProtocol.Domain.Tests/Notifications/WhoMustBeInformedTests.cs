using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Notifications;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Tests.Cases;
using static PestProtocol.Domain.Tests.Cases.CaseScript;

namespace PestProtocol.Domain.Tests.Notifications;

public class WhoMustBeInformedTests
{
    [Theory]
    [InlineData(StaffRole.Docent)]
    [InlineData(StaffRole.Concierge)]
    [InlineData(StaffRole.OtherStaff)]
    [InlineData(StaffRole.Teamleider)]
    public void Step_1_signalled_by_someone_else_informs_mentor_and_coordinator_at_once(StaffRole signaller)
    {
        var rule = WhoMustBeInformed.For(ProtocolStep.Step1Suspicion, signaller);
        Assert.Equal(new HashSet<StaffRole> { StaffRole.Mentor, StaffRole.AntiPestCoordinator }, rule.MustInform);
        Assert.True(rule.Immediately);
    }

    [Fact]
    public void Step_1_by_the_mentor_still_involves_the_coordinator()
    {
        Assert.Equal(new HashSet<StaffRole> { StaffRole.AntiPestCoordinator }, WhoMustBeInformed.For(ProtocolStep.Step1Suspicion, StaffRole.Mentor).MustInform);
        Assert.Equal(new HashSet<StaffRole> { StaffRole.Mentor }, WhoMustBeInformed.For(ProtocolStep.Step1Suspicion, StaffRole.AntiPestCoordinator).MustInform);
    }

    [Theory]
    [InlineData(ProtocolStep.B2Reported)]
    [InlineData(ProtocolStep.E3Reported)]
    public void B2_and_E3_inform_teamleider_coordinator_and_IB_and_record_the_parents(ProtocolStep step)
    {
        var rule = WhoMustBeInformed.For(step, StaffRole.Mentor);
        Assert.Equal(new HashSet<StaffRole> { StaffRole.Teamleider, StaffRole.AntiPestCoordinator, StaffRole.InternBegeleider }, rule.MustInform);
        Assert.True(rule.ParentsToBeInformed);
    }

    [Fact]
    public void D1_brings_in_the_teamleider_and_possibly_coordinator_and_IB()
    {
        var rule = WhoMustBeInformed.For(ProtocolStep.D1TeamleiderInvolved, StaffRole.Mentor);
        Assert.Equal(new HashSet<StaffRole> { StaffRole.Teamleider }, rule.MustInform);
        Assert.Equal(new HashSet<StaffRole> { StaffRole.AntiPestCoordinator, StaffRole.InternBegeleider }, rule.MayInform);
    }

    [Fact]
    public void B4_informs_the_IB_only_when_the_bullying_persists()
    {
        Assert.Equal(new HashSet<StaffRole> { StaffRole.InternBegeleider }, WhoMustBeInformed.For(ProtocolStep.B4FollowUpMeeting, StaffRole.Mentor, bullyingPersists: true).MustInform);
        Assert.Empty(WhoMustBeInformed.For(ProtocolStep.B4FollowUpMeeting, StaffRole.Mentor).MustInform);
    }

    [Theory]
    [InlineData(ProtocolStep.A1ThemeInClass)]
    [InlineData(ProtocolStep.C3DossierNote)]
    [InlineData(ProtocolStep.Closed)]
    public void Other_steps_notify_nobody(ProtocolStep step) =>
        Assert.Empty(WhoMustBeInformed.For(step, StaffRole.Docent).MustInform);

    [Fact]
    public void The_dossier_entries_carry_the_roles_that_must_be_informed()
    {
        var c = Open(by: Docent);
        Assert.Equal([StaffRole.Mentor, StaffRole.AntiPestCoordinator], c.Dossier[0].InformedRoles);

        var b = Run([.. ToStep2, CaseCommand.ChooseRouteB, CaseCommand.B1MediationConversation, CaseCommand.B2Report]);
        Assert.Equal(3, b.Dossier[^1].InformedRoles.Count);
    }
}
