using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Features.AnonymousReports;
using PestProtocol.Bot.Features.AnonymousReports.Logging;
using PestProtocol.Bot.Hosting;
using PestProtocol.Bot.Middleware;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Telemetry;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.State;
using PestProtocol.BotFramework.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using IMiddleware = PestProtocol.BotFramework.Builder.IMiddleware;

namespace PestProtocol.Bot.Tests.Hosting;

/// <summary>The middleware of every turn is composed in one place, in the order it runs; a failing conversation cannot loop.</summary>
public sealed class TurnPipelineTests
{
    [Fact]
    public async Task The_composed_bot_runs_its_middleware_in_the_order_of_the_turn_pipeline()
    {
        var folder = Directory.CreateTempSubdirectory("pp-pipeline-");
        await using var services = await DevelopmentBot.StartAsync(Path.Combine(folder.FullName, "pestprotocol.db"));

        var chain = services.GetServices<IMiddleware>().Select(m => m.GetType()).ToList();

        Assert.Equal(
            [
                typeof(TurnIdentifiersMiddleware),      // before anything can log the sender's ids
                typeof(TurnErrorMiddleware),            // catches everything below
                typeof(TurnTelemetryMiddleware),
                typeof(TurnServicesMiddleware),         // a scope per turn
                typeof(ConversationTurnGate),           // one turn at a time per conversation
                typeof(AutoSaveTurnMiddleware),         // state loaded inside the gate; saved with the turn's case change in one transaction
                typeof(ConversationReferenceMiddleware),
                typeof(AbandonedDraftNotice),
                typeof(DevelopmentStudentChats),        // development only (Development:StudentChats); else passes the turn on
            ],
            chain);
        TurnPipeline.CheckComposition(services);
    }

    [Fact]
    public async Task A_middleware_registered_outside_the_turn_pipeline_stops_the_bot_at_start()
    {
        var refused = await ComposedHost.StartRefusedAsync(s => s.AddSingleton<IMiddleware, StrayMiddleware>());

        Assert.Contains(refused.Problems, p => p.Contains(nameof(StrayMiddleware), StringComparison.Ordinal) && p.Contains("TurnPipeline", StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_failed_turn_keeps_the_conversation_where_it_was_and_a_second_in_a_row_starts_it_afresh()
    {
        var state = new ConversationState(new MemoryStorage());
        var progress = state.CreateProperty<string>("progress");
        var adapter = new TestAdapter()
            .Use(new TurnErrorMiddleware(state, NullLogger<TurnErrorMiddleware>.Instance))
            .Use(new AutoSaveStateMiddleware(state));
        async Task Bot(ITurnContext turn, CancellationToken cancellationToken)
        {
            switch (turn.Activity.Text)
            {
                case "boem":
                    await progress.SetAsync(turn, "half weggeschreven", cancellationToken);
                    throw new InvalidOperationException("a bug");
                case "hoe ver?":
                    await turn.SendActivityAsync(await progress.GetAsync(turn, () => "nergens", cancellationToken), cancellationToken);
                    break;
                default:
                    await progress.SetAsync(turn, turn.Activity.Text!, cancellationToken);
                    await turn.SendActivityAsync("ok", cancellationToken);
                    break;
            }
        }

        await new TestFlow((TestAdapter)adapter, Bot)
            .Send("stap 2").AssertReply("ok")
            .Send("boem").AssertReply(TurnErrorMiddleware.FriendlyMessage)
            .Send("hoe ver?").AssertReply("stap 2")
            .Send("boem").AssertReply(TurnErrorMiddleware.FriendlyMessage)
            .Send("boem").AssertReply(TurnErrorMiddleware.StartedAfreshMessage)
            .Send("hoe ver?").AssertReply("nergens")
            .StartTestAsync();
    }

    private sealed class StrayMiddleware : IMiddleware
    {
        public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken) => next(cancellationToken);
    }
}
