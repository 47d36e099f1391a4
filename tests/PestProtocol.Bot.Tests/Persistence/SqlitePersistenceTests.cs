using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Persistence;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Tests.Persistence;

/// <summary>The persistence contract on a SQLite file, plus what only concerns the embedded file.</summary>
public sealed class SqlitePersistenceTests : CaseStoreContract<SqliteTestDatabase>, IClassFixture<SqliteTestDatabase>
{
    public SqlitePersistenceTests(SqliteTestDatabase database)
        : base(database)
    {
    }

    [Fact]
    public async Task The_database_is_a_real_file_created_with_its_data_folder_and_holds_the_saved_case()
    {
        var file = Path.Combine(Database.Folder, "fresh", "data", "pestprotocol.db");
        Assert.False(Directory.Exists(Path.GetDirectoryName(file)));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:PestProtocol"] = $"Data Source={file}" })
            .Build();
        await using var services = new ServiceCollection().AddPestProtocolPersistence(configuration).BuildServiceProvider();

        await services.MigratePestProtocolDatabaseAsync();
        var c = CaseSteps.Open("loc-file");
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ICaseStore>().AddAsync(c, [new CaseMember("staff-mentor", StaffRole.Mentor)], [], CancellationToken.None);
        }

        Assert.True(File.Exists(file));
        Assert.True(new FileInfo(file).Length > 0);
        Assert.IsType<SqlitePestProtocolDbContext>(services.CreateScope().ServiceProvider.GetRequiredService<PestProtocolDbContext>());

        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM dossier_entries WHERE case_id = $id";
        command.Parameters.AddWithValue("$id", c.Id.ToString().ToUpperInvariant());
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);

        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Without_configuration_the_default_file_is_data_pestprotocol_db()
    {
        var options = new ServiceCollection()
            .AddPestProtocolPersistence(new ConfigurationBuilder().Build())
            .BuildServiceProvider()
            .GetRequiredService<PersistenceOptions>();

        Assert.Equal(PersistenceProviders.Sqlite, options.Provider);
        Assert.Null(options.ConnectionString);
        Assert.Equal("Data Source=data/pestprotocol.db", PersistenceOptions.DefaultSqliteConnectionString);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task The_memory_provider_keeps_cases_while_the_app_runs()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Provider"] = "Memory" })
            .Build();
        await using var services = new ServiceCollection().AddPestProtocolPersistence(configuration).BuildServiceProvider();
        await services.MigratePestProtocolDatabaseAsync();
        var c = CaseSteps.Open("loc-memory");

        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ICaseStore>().AddAsync(c, [], [], CancellationToken.None);
        }

        await using (var scope = services.CreateAsyncScope())
        {
            Assert.NotNull(await scope.ServiceProvider.GetRequiredService<ICaseStore>().FindAsync(c.Id, CancellationToken.None));
        }
    }

    [Fact]
    public void An_unknown_provider_is_refused_at_start_up()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Provider"] = "Oracle" })
            .Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddPestProtocolPersistence(configuration));
        Assert.Contains("PostgreSql", error.Message, StringComparison.Ordinal);
    }
}
