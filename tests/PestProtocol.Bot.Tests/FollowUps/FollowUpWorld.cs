using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Features.Melding;
using PestProtocol.Bot.Features.FollowUps;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Testing;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Routes;

namespace PestProtocol.Bot.Tests.FollowUps;

/// <summary>
/// The bot as production composes it (development directory: Anouk de Vries mentor of 2b, Jeroen Bakker coordinator at
/// De Wilgen) on one database, with a clock the test moves. Several instances can share the database.
/// </summary>
internal sealed class FollowUpWorld : IAsyncDisposable
{
    public const string Mentor = "e2e0c000-0000-4000-a000-000000000001";
    public const string Coordinator = "e2e0c000-0000-4000-a000-000000000002";
    public const string Sanne = "e2e0e000-0000-4000-a000-000000000101";
    public const string Lars = "e2e0e000-0000-4000-a000-000000000102";

    /// <summary>Monday 2 November 2026, 09:00 in the Netherlands.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(1));

    private readonly List<ServiceProvider> _instances = [];

    private FollowUpWorld(TestClock clock) => Clock = clock;

    public TestClock Clock { get; }

    public IReadOnlyList<ServiceProvider> Instances => _instances;

    public ServiceProvider Services => _instances[0];

    /// <summary>Starts <paramref name="instances"/> bots on one database (a connection string of the given provider).</summary>
    public static async Task<FollowUpWorld> StartAsync(string provider, string connectionString, int instances = 1, IEnumerable<KeyValuePair<string, string?>>? settings = null, DateTimeOffset? start = null)
    {
        var world = new FollowUpWorld(new TestClock(start ?? Start));
        for (var i = 0; i < instances; i++)
        {
            var all = new Dictionary<string, string?>
            {
                ["Storage:Provider"] = provider,
                ["ConnectionStrings:PestProtocol"] = connectionString,
                ["FollowUps:InstanceName"] = $"instance-{i}",
                ["FollowUps:LeaseDuration"] = "00:02:00",
            };
            foreach (var (key, value) in settings ?? [])
            {
                all[key] = value;
            }

            world._instances.Add(await DevelopmentBot.StartAsync("unused.db", all, services => services.AddSingleton<TimeProvider>(world.Clock)));
        }

        return world;
    }

    public FollowUpScheduler Scheduler(int instance = 0) => _instances[instance].GetRequiredService<FollowUpScheduler>();

    /// <summary>Moves the clock to a moment (forward only).</summary>
    public void MoveTo(DateTimeOffset moment)
    {
        var by = moment - Clock.GetUtcNow();
        Assert.True(by >= TimeSpan.Zero, "the test clock only moves forward");
        Clock.Advance(by);
    }

    /// <summary>A route-A case of Sanne (2b) by her mentor, ending in A.3 with a follow-up on <paramref name="followUpDay"/>; returns its id.</summary>
    public async Task<Guid> RouteACaseAsync(DateOnly followUpDay)
    {
        var now = Clock.GetUtcNow();
        var mentor = new StaffRef(Mentor, StaffRole.Mentor);
        var c = Case.Open(new NewSuspicion(Sanne, "2b", "dewilgen", mentor, [], false, "Ze wordt in de pauze uitgelachen."), now);
        c.ConfirmSuspicion(mentor, now, "Oriënterend gesprek gevoerd; het vermoeden klopt.");
        c.InformParents(mentor, now, new ParentsInformation(Mentor, now, ParentContactMethod.Phone, "De mentor voert de gesprekken."));
        c.ChooseRoute(Route.A, true, mentor, now);
        c.A1ThemeInClass(mentor, now, "Pesten besproken in de klas.");
        c.A2InformParents(mentor, now, new ParentsInformation(Mentor, now, ParentContactMethod.Phone));
        c.A3FollowUp(mentor, now, SchoolTime.FollowUpMoment(followUpDay));
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ICaseStore>().AddAsync(c, [new CaseMember(Mentor, StaffRole.Mentor)], [], CancellationToken.None);
        return c.Id;
    }

    public async Task<Case> CaseAsync(Guid caseId)
    {
        await using var scope = Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ICaseStore>().FindAsync(caseId, CancellationToken.None))!;
    }

    /// <summary>Runs a change on the case as a user would (load, domain method, save).</summary>
    public async Task ChangeAsync(Guid caseId, Action<Case> change)
    {
        await using var scope = Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ICaseStore>();
        var c = (await store.FindAsync(caseId, CancellationToken.None))!;
        change(c);
        await store.SaveAsync(c, [], [], CancellationToken.None);
    }

    public async Task<IReadOnlyList<OutboxMessage>> OutboxAsync(string kind)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == kind).OrderBy(m => m.CreatedAt).ToListAsync();
    }

    public async Task<int> EntriesAsync(Guid caseId, DossierEntryKind kind) =>
        (await CaseAsync(caseId)).Dossier.Count(e => e.Kind == kind);

    /// <summary>The card the dispatcher would send for an outbox message, as JSON text.</summary>
    public async Task<string?> RenderAsync(OutboxMessage message)
    {
        await using var scope = Services.CreateAsyncScope();
        var renderer = scope.ServiceProvider.GetServices<IAlertCardRenderer>().Single(r => r.Kind == message.Kind);
        AdaptiveCard? card = await renderer.RenderAsync(message, CancellationToken.None);
        return card?.ToJson();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }
    }
}

/// <summary>A personal chat with the bot of a <see cref="FollowUpWorld"/>.</summary>
internal static class FollowUpChats
{
    /// <summary>A chat with the given directory person, running the production middleware.</summary>
    public static TestFlow Chat(this FollowUpWorld world, string aadObjectId)
    {
        var adapter = new TestAdapter();
        adapter.Conversation.User!.AadObjectId = aadObjectId;
        adapter.Conversation.User.Id = "29:" + aadObjectId;
        adapter.Conversation.Conversation!.Id = "a:chat-" + aadObjectId;
        adapter.WithProductionMiddleware(world.Services);
        return new TestFlow(adapter, world.Services.GetRequiredService<PestProtocol.BotFramework.Builder.IBot>());
    }

    /// <summary>The data a button of the reminder card sends, with the inputs filled in as a person would.</summary>
    public static async Task<System.Text.Json.Nodes.JsonObject> ReminderButtonAsync(this FollowUpWorld world, string title, IDictionary<string, string?> inputs)
    {
        var message = Assert.Single(await world.OutboxAsync(FollowUpReminderPayload.Kind));
        var json = await world.RenderAsync(message);
        Assert.NotNull(json);
        var card = PestProtocol.BotFramework.Schema.Activity.CreateAttachmentMessage(PestProtocol.BotFramework.Cards.AdaptiveCard.FromJson(json).ToAttachment());
        var action = ReceivedCard.From(card)?.FindAction(title) ?? throw new InvalidOperationException($"No button \"{title}\" on the reminder card.");
        var data = (System.Text.Json.Nodes.JsonObject)action["data"]!.DeepClone();
        foreach (var (key, value) in inputs)
        {
            data[key] = value;
        }

        return data;
    }
}
