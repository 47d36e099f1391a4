using Microsoft.Data.Sqlite;
using PestProtocol.Bot.Storage;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.State;

namespace PestProtocol.Bot.Tests.Storage;

/// <summary>
/// Every writer of one SQLite file queues in the bot's write gate: a state write that meets a case turn holding the file
/// lands after that turn's commit, and a turn never waits for the gate it holds itself.
/// </summary>
public sealed class SqliteWriteGateTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly SqliteTurnWriteGate _gate = new();

    public void Dispose()
    {
        _gate.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task A_state_write_that_meets_a_case_turn_holding_the_file_lands_after_its_commit_and_loses_nothing()
    {
        var storage = Storage(TimeSpan.FromMinutes(5));
        Assert.True(await storage.IsReachableAsync());

        // A case turn: it holds the gate and the file's write lock (an open write transaction) until its commit.
        var turn = await _gate.EnterAsync(_database.FilePath, CancellationToken.None);
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO bot_state (key, document, etag, updated_at) VALUES ('case-turn', '{}', 'e1', '2026-12-06')";
            await command.ExecuteNonQueryAsync();
        }

        var write = storage.WriteAsync(new Dictionary<string, StoreItem> { ["other-chat"] = new StoreItem(BotJson.ToElement(new { step = 2 }), null) });
        Assert.False(write.IsCompleted);

        await transaction.CommitAsync();
        turn.Dispose();
        await write.WaitAsync(TimeSpan.FromSeconds(30));

        var found = await storage.ReadAsync(["case-turn", "other-chat"]);
        Assert.Equal(2, found.Count);
        Assert.Equal(2, found["other-chat"].Document.GetProperty("step").GetInt32());
    }

    [Fact]
    public async Task A_turn_that_holds_the_file_writes_through_the_state_store_without_waiting_for_itself()
    {
        var storage = Storage(TimeSpan.FromMinutes(5));
        Assert.True(await storage.IsReachableAsync());
        SqliteTurnWriteGate.BeginTurn();
        using var held = await _gate.EnterAsync(_database.FilePath, CancellationToken.None);

        await storage.WriteAsync(new Dictionary<string, StoreItem> { ["this-chat"] = new StoreItem(BotJson.ToElement(new { step = 3 }), null) })
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(SqliteTurnWriteGate.HeldByThisTurn(_database.FilePath));
        Assert.Equal(3, (await storage.ReadAsync(["this-chat"]))["this-chat"].Document.GetProperty("step").GetInt32());
    }

    [Fact]
    public async Task A_writer_outside_a_turn_that_cannot_get_the_gate_still_writes_when_the_file_is_free()
    {
        // Someone holds the gate but not the file (a mistake): the writer gives up waiting after its timeout and SQLite decides.
        var storage = Storage(TimeSpan.FromMilliseconds(50));
        Assert.True(await storage.IsReachableAsync());
        using var held = await _gate.EnterAsync(_database.FilePath, CancellationToken.None);

        await storage.WriteAsync(new Dictionary<string, StoreItem> { ["late"] = new StoreItem(BotJson.ToElement(new { ok = true }), null) })
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True((await storage.ReadAsync(["late"]))["late"].Document.GetProperty("ok").GetBoolean());
    }

    private SqliteStorage Storage(TimeSpan busyTimeout) =>
        new(new StateStorageOptions { ConnectionString = _database.ConnectionString, BusyTimeout = busyTimeout }, gate: _gate);
}
