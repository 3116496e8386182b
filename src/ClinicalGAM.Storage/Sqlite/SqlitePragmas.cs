using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ClinicalGAM.Storage;

/// <summary>
/// Per-connection SQLite settings. busy_timeout lets a reader or writer wait for a lock (a fit saving its model while
/// a page reads) instead of failing at once; synchronous=NORMAL is durable enough in WAL mode and much faster.
/// WAL itself is a property of the database file, set once by <see cref="DatabaseInitializer"/>.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public const int BusyTimeoutMilliseconds = 10_000;
    private const string Sql = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
