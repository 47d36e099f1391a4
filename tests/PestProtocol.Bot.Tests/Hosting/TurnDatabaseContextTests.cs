using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PestProtocol.Bot.Persistence;
using PestProtocol.BotFramework.Testing.Connector;

namespace PestProtocol.Bot.Tests.Hosting;

/// <summary>
/// A turn takes a database context from the pool only when it writes: asking for help in a chat the bot already knows
/// takes none, and the turn's writes (a new chat's conversation reference) still land.
/// </summary>
public sealed class TurnDatabaseContextTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private FakeConnector _connector = null!;
    private BotApp _app = null!;
    private int _contexts;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _app = new BotApp(_connector, services: services => services.Replace(ServiceDescriptor.Scoped<PestProtocolDbContext>(sp =>
        {
            Interlocked.Increment(ref _contexts);
            return sp.GetRequiredService<SqlitePestProtocolDbContext>();
        })));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Help_in_a_known_chat_takes_no_database_context_and_still_answers()
    {
        // The first turn stores the staff member's conversation reference (a write: a context).
        Assert.Equal(HttpStatusCode.OK, (await _app.PostAsync(_app.Message("help"))).StatusCode);
        await _connector.WaitForCallsAsync(1, Wait);
        var afterFirst = Volatile.Read(ref _contexts);
        Assert.True(afterFirst > 0);

        var response = await _app.PostAsync(_app.Message("help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = await _connector.WaitForCallsAsync(2, Wait);
        Assert.Equal(2, calls.Count);
        Assert.Equal(afterFirst, Volatile.Read(ref _contexts));
    }
}
