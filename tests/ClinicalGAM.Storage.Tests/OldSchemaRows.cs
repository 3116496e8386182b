using Microsoft.EntityFrameworkCore;

namespace ClinicalGAM.Storage.Tests;

/// <summary>
/// Rows written with SQL into a database left at an earlier migration (today's entity classes have columns that
/// schema lacks, so the stores cannot write there).
/// </summary>
internal static class OldSchemaRows
{
    // A row with a plain value in every NOT NULL column of the table as that migration left it (ids point at row 1).
    public static async Task InsertOneAsync(ClinicalGamDbContext db, string table)
    {
        var columns = new List<(string Name, string Type)>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = $"PRAGMA table_info({table})";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                if (reader.GetString(1) != "Id" && reader.GetInt32(3) == 1) columns.Add((reader.GetString(1), reader.GetString(2)));
        }
        var values = columns.Select(c => c switch
        {
            { Name: var n } when n.EndsWith("Id", StringComparison.Ordinal) => "1",
            { Name: var n } when n.EndsWith("Utc", StringComparison.Ordinal) => "'2026-01-02 03:04:05'",
            { Type: "INTEGER" } => "1",
            { Type: "REAL" } => "0.5",
            { Type: "BLOB" } => "x'00'",
            _ => $"'{table} value'",
        });
        await ScalarAsync(db, $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", values)})");
    }

    public static async Task<object?> ScalarAsync(ClinicalGamDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
