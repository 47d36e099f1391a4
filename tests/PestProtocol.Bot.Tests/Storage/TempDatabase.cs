using Microsoft.Data.Sqlite;
using PestProtocol.Bot.Storage;

namespace PestProtocol.Bot.Tests.Storage;

/// <summary>A SQLite file in a fresh temporary folder, removed afterwards.</summary>
internal sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Directory = Path.Combine(Path.GetTempPath(), "pestprotocol-state-" + Guid.NewGuid().ToString("N"));
        FilePath = Path.Combine(Directory, "data", "state.db");
    }

    public string Directory { get; }

    public string FilePath { get; }

    public string ConnectionString => $"Data Source={FilePath}";

    public SqliteStorage CreateStorage() => new(new StateStorageOptions { ConnectionString = ConnectionString });

    public void Dispose()
    {
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder(ConnectionString) { Pooling = true }.ToString()))
        {
            SqliteConnection.ClearPool(connection);
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle elsewhere may still be open; the OS temp cleaner removes it later.
        }
    }
}
