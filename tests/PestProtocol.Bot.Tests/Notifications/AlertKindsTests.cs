using PestProtocol.Bot.Features.AnonymousReports;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence.Outbox;

namespace PestProtocol.Bot.Tests.Notifications;

/// <summary>Anonymous-report alerts are remembered and updated in place exactly like case alerts.</summary>
public sealed class AlertKindsTests
{
    [Fact]
    public void An_anonymous_report_alert_is_remembered_and_its_update_replaces_it_in_place()
    {
        Assert.True(AlertKinds.PostsCard(AnonymousReportKinds.Alert));
        Assert.True(AlertKinds.UpdatesInPlace(AnonymousReportKinds.Update));
        Assert.True(AlertKinds.PostsCard(CaseAlertPayload.Kind));
        Assert.True(AlertKinds.UpdatesInPlace(AlertUpdatePayload.Kind));
        Assert.False(AlertKinds.PostsCard(DeliveryFailedPayload.Kind));
        Assert.False(AlertKinds.UpdatesInPlace(AnonymousReportKinds.Alert));
    }

    [Fact]
    public void The_subject_of_an_anonymous_report_message_is_the_report()
    {
        var reportId = Guid.NewGuid();
        var message = OutboxMessage.Create(AnonymousReportKinds.Update, "k", new AnonymousReportAlertPayload(reportId, 3), "coordinator", DateTimeOffset.UnixEpoch);

        Assert.Equal(reportId, PayloadFields.Read(message.Payload).CaseId);
    }
}
