using Microsoft.EntityFrameworkCore;
using PestProtocol.Bot.Persistence;

namespace PestProtocol.Bot.Tests.Persistence;

/// <summary>
/// The persistence contract on PostgreSQL, in fresh databases on the server named by <c>PESTPROTOCOL_TEST_POSTGRES</c>.
/// Without it these tests fail with instructions; they are never skipped.
/// </summary>
public sealed class PostgresPersistenceTests : CaseStoreContract<PostgresTestDatabase>, IClassFixture<PostgresTestDatabase>
{
    public PostgresPersistenceTests(PostgresTestDatabase database)
        : base(database)
    {
    }

    [Fact]
    public async Task Times_are_timestamptz_columns_in_utc()
    {
        await using var db = Database.CreateContext();
        await using var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT data_type FROM information_schema.columns WHERE table_name = 'cases' AND column_name = 'opened_at'";
        Assert.Equal("timestamp with time zone", (string?)await command.ExecuteScalarAsync());
        Assert.IsType<PostgresPestProtocolDbContext>(db);
    }
}
