using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PestProtocol.Bot.Hosting;
using PestProtocol.BotFramework.Connector;
using PestProtocol.BotFramework.Hosting;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing.Authentication;
using PestProtocol.BotFramework.Testing.Connector;

namespace PestProtocol.Bot.Tests.Hosting;

/// <summary>
/// A turn waits for its place (Hosting:MaxConcurrentTurns, here one) only after its request was read, checked and
/// authenticated: with every place taken, a forged or missing token is refused at once and never queues; an
/// authenticated turn waits and runs when a place frees; one whose client leaves while it waits runs nothing.
/// </summary>
public sealed class TurnAdmissionHttpTests : IAsyncLifetime
{
    private const string AppId = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";
    private const string TenantId = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly RecordingAdmission _admission = new();
    private FakeConnector _connector = null!;
    private FakeChannelAuthority _authority = null!;
    private TestSigningKey _channelKey = null!;
    private BotApp _app = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _authority = await FakeChannelAuthority.StartAsync(TenantId);
        _channelKey = TestSigningKey.Create("channel-key-1");
        _authority.PublishBotFrameworkKey(_channelKey, FakeChannelAuthority.TeamsEndorsements);
        _app = new BotApp(
            _connector,
            AuthenticatedBotSettings.Create(AppId, TenantId, _authority, new Dictionary<string, string?> { ["Hosting:MaxConcurrentTurns"] = "1" }),
            services =>
            {
                services.Replace(ServiceDescriptor.Singleton<IBotTokenProvider>(new FixedTokenProvider("outbound-test-token")));
                services.Replace(ServiceDescriptor.Singleton<ITurnAdmission>(sp => _admission.Around(sp.GetRequiredService<TurnConcurrencyLimit>())));
            });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _authority.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task With_every_place_taken_a_forged_or_missing_token_is_refused_at_once_and_never_asks_for_a_place()
    {
        using var taken = await TakeTheOnlyPlaceAsync();
        var impostor = TestSigningKey.Create("channel-key-1");

        var forged = await _app.PostAsync(_app.Message("help"), Mint(impostor)).WaitAsync(Patience);
        var missing = await _app.PostAsync(_app.Message("help")).WaitAsync(Patience);

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(0, _admission.Asked);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task With_every_place_taken_an_authenticated_turn_waits_and_runs_when_a_place_frees()
    {
        var taken = await TakeTheOnlyPlaceAsync();

        var queued = _app.PostAsync(_app.Message("help"), Mint(_channelKey));
        await _admission.WaitUntilAskedAsync(1).WaitAsync(Patience);

        Assert.False(queued.IsCompleted); // waiting for its place, not refused
        Assert.Empty(_connector.Calls);

        taken.Dispose();
        var response = await queued.WaitAsync(Patience);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = await _connector.WaitForCallsAsync(1, Patience);
        Assert.Equal("Bearer outbound-test-token", calls[0].Authorization);
    }

    [Fact]
    public async Task A_turn_whose_client_leaves_while_it_waits_runs_nothing()
    {
        var taken = await TakeTheOnlyPlaceAsync();
        using var leaving = new CancellationTokenSource();
        using var client = _app.CreateClient();
        using var request = Post(_app.Message("help", conversationId: "a:the-client-that-left"), Mint(_channelKey));
        var abandoned = client.SendAsync(request, leaving.Token);
        await _admission.WaitUntilAskedAsync(1).WaitAsync(Patience);

        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        await _admission.WaitUntilTurnedAwayAsync(1).WaitAsync(Patience);
        taken.Dispose();

        // The next turn gets the freed place; the abandoned one never ran (no reply into its conversation).
        var next = await _app.PostAsync(_app.Message("help", conversationId: "a:the-next-client"), Mint(_channelKey)).WaitAsync(Patience);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        var calls = await _connector.WaitForCallsAsync(1, Patience);
        Assert.All(calls, c => Assert.Equal("a:the-next-client", c.ConversationId));
        Assert.DoesNotContain(_connector.Calls, c => c.ConversationId == "a:the-client-that-left");
    }

    [Fact]
    public async Task With_every_place_taken_the_health_endpoint_still_answers()
    {
        using var taken = await TakeTheOnlyPlaceAsync();
        using var client = _app.CreateClient();

        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative)).WaitAsync(Patience);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, _admission.Asked);
    }

    private async Task<IDisposable> TakeTheOnlyPlaceAsync()
    {
        var place = await _app.Services.GetRequiredService<TurnConcurrencyLimit>().AdmitAsync(CancellationToken.None);
        return place ?? throw new InvalidOperationException("no place");
    }

    private static HttpRequestMessage Post(Activity activity, string bearer)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(BotJson.Serialize(activity), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        return request;
    }

    private string Mint(TestSigningKey key) => ChannelTokens.Mint(key, AppId, _connector.ServiceUrl.ToString());

    /// <summary>The app's own limit, counting who asked for a place and who was turned away.</summary>
    private sealed class RecordingAdmission : ITurnAdmission
    {
        private readonly List<(int Count, TaskCompletionSource Done)> _askedWaiters = [];
        private readonly List<(int Count, TaskCompletionSource Done)> _turnedAwayWaiters = [];
        private ITurnAdmission _inner = null!;
        private int _asked;
        private int _turnedAway;

        public int Asked => Volatile.Read(ref _asked);

        public RecordingAdmission Around(ITurnAdmission inner)
        {
            _inner = inner;
            return this;
        }

        public async ValueTask<IDisposable?> AdmitAsync(CancellationToken clientGone)
        {
            var waiting = _inner.AdmitAsync(clientGone);
            Signal(_askedWaiters, Interlocked.Increment(ref _asked));
            var place = await waiting;
            if (place is null)
            {
                Signal(_turnedAwayWaiters, Interlocked.Increment(ref _turnedAway));
            }

            return place;
        }

        public Task WaitUntilAskedAsync(int count) => WaitFor(_askedWaiters, ref _asked, count);

        public Task WaitUntilTurnedAwayAsync(int count) => WaitFor(_turnedAwayWaiters, ref _turnedAway, count);

        private Task WaitFor(List<(int Count, TaskCompletionSource Done)> waiters, ref int counter, int count)
        {
            lock (waiters)
            {
                if (Volatile.Read(ref counter) >= count)
                {
                    return Task.CompletedTask;
                }

                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                waiters.Add((count, done));
                return done.Task;
            }
        }

        private static void Signal(List<(int Count, TaskCompletionSource Done)> waiters, int now)
        {
            lock (waiters)
            {
                foreach (var (count, done) in waiters.Where(w => w.Count <= now))
                {
                    done.TrySetResult();
                }
            }
        }
    }

    private sealed class FixedTokenProvider(string token) : IBotTokenProvider
    {
        public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(token);
    }
}
