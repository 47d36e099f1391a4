using PestProtocol.Domain.Cases;
using static PestProtocol.Domain.Tests.Cases.CaseScript;

namespace PestProtocol.Domain.Tests.Cases;

/// <summary>
/// Walks every path of the flowchart; in every state reached, tries every command: the ones the case allows succeed
/// and land where the table says, every other one is refused and leaves the case untouched.
/// </summary>
public class TransitionTableTests
{
    public static readonly TheoryData<string, CaseCommand[]> Paths = new()
    {
        { "A, D, herstelgesprek", [.. RouteA, CaseCommand.A3FollowUp, CaseCommand.BullyingContinues, CaseCommand.ChooseRouteD, .. RouteDSteps, CaseCommand.HoldHerstelgesprek, CaseCommand.D5FollowUp, CaseCommand.Close] },
        { "B, herstelgesprek, D", [.. RouteB, CaseCommand.HoldHerstelgesprek, CaseCommand.B4FollowUpMeeting, CaseCommand.BullyingContinues, CaseCommand.ChooseRouteD, .. RouteDSteps, CaseCommand.Close] },
        { "C, E", [.. RouteC, CaseCommand.BullyingContinues, CaseCommand.ChooseRouteE, .. RouteESteps, CaseCommand.Close] },
        { "C, E to D", [.. RouteC, CaseCommand.BullyingContinues, CaseCommand.ChooseRouteE, CaseCommand.SwitchToRouteD, .. RouteDSteps, CaseCommand.Close] },
        { "not confirmed", [CaseCommand.RejectSuspicion] },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void In_every_state_only_the_allowed_commands_succeed(string name, CaseCommand[] path)
    {
        Assert.NotEmpty(name);
        var c = Open();
        var day = 1;
        foreach (var next in path.Append((CaseCommand)(-1)))
        {
            // SwitchToRouteD is no command of its own: it happens inside E.1 (see the "E to D" path).
            foreach (var command in Enum.GetValues<CaseCommand>().Where(c => c != CaseCommand.SwitchToRouteD))
            {
                var copy = Case.Rehydrate(c.ToSnapshot());
                var before = copy.ToSnapshot();
                var allowed = copy.IsAllowed(command);
                if (allowed)
                {
                    Do(copy, command, day);
                    Assert.True(copy.Dossier.Count > before.Dossier.Count);
                    Assert.Equal(CaseTransitions.Table[(before.CurrentStep, command)], copy.CurrentStep);
                }
                else
                {
                    Assert.Throws<ProtocolViolationException>(() => Do(copy, command, day));
                    Assert.Equal(before.CurrentStep, copy.CurrentStep);
                    Assert.Equal(before.Dossier.Count, copy.Dossier.Count);
                    Assert.False(CaseTransitions.TryGetTarget(before.CurrentStep, command, out _)
                        && CaseTransitions.RouteOf(command) is null
                        && command is not (CaseCommand.BullyingContinues or CaseCommand.ChooseRouteE) && !copy.IsClosed,
                        $"{command} is in the table from {before.CurrentStep} but was refused");
                }
            }

            if ((int)next >= 0)
            {
                var asked = next == CaseCommand.SwitchToRouteD ? CaseCommand.E1ConversationWithVictimAndParents : next;
                Assert.True(c.IsAllowed(asked), $"{name}: {next} should be allowed from {c.CurrentStep}");
                Do(c, next, day++);
                if (next == CaseCommand.SwitchToRouteD)
                {
                    Assert.Equal(ProtocolStep.Step4RouteD, c.CurrentStep);
                }
            }
        }
    }

    [Fact]
    public void Every_step_except_closed_is_reachable_and_every_table_row_is_walked_by_the_paths()
    {
        var walked = new HashSet<(ProtocolStep From, CaseCommand Command)>();
        foreach (var row in Paths)
        {
            var path = (CaseCommand[])row[1];
            var c = Open();
            var day = 1;
            foreach (var command in path)
            {
                var from = c.CurrentStep;
                Do(c, command, day++);
                if (command == CaseCommand.SwitchToRouteD)
                {
                    walked.Add((from, CaseCommand.E1ConversationWithVictimAndParents));
                    walked.Add((ProtocolStep.E1ConversationWithVictimAndParents, command));
                }
                else
                {
                    walked.Add((from, command));
                }
            }
        }

        // Rows walked elsewhere: repeated follow-ups and closes from other follow-up steps.
        var notWalked = CaseTransitions.Table.Keys.Except(walked).ToList();
        Assert.All(notWalked, k => Assert.True(
            k.Command is CaseCommand.Close or CaseCommand.B4FollowUpMeeting or CaseCommand.C4FollowUp
                or CaseCommand.E4FollowUp or CaseCommand.D5FollowUp or CaseCommand.HoldHerstelgesprek
                or CaseCommand.BullyingContinues or CaseCommand.ChooseRouteB or CaseCommand.ChooseRouteC,
            $"table row {k} is not covered by a path"));
        var reached = CaseTransitions.Table.Values.ToHashSet();
        Assert.All(Enum.GetValues<ProtocolStep>().Where(s => s != ProtocolStep.Step1Suspicion), s => Assert.Contains(s, reached));
    }
}
