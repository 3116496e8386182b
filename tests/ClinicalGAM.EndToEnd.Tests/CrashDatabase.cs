using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace ClinicalGAM.EndToEnd.Tests;

/// <summary>
/// What the crash tests read straight from a killed (or running) server's SQLite file: what was saved, by id and
/// content, and the state of its check and fit runs. Read-only connections without pooling, so nothing is held open
/// across a kill or a restart.
/// </summary>
internal static class CrashDatabase
{
    public sealed record CohortRow(int Id, string Name, int Rows, long ChunkRows, int Columns, string DataHash);
    public sealed record FlagRow(int Id, int FlagRunId, int ModelId, string Feature, string Kind, string Message);
    public sealed record FlagSet(int Id, int ModelId, int Declared, int Stored);

    /// <summary>Everything saved: cohorts (with a hash of their stored values), model JSON, flag sets and their flags.</summary>
    public sealed record Snapshot(List<CohortRow> Cohorts, List<(int Id, string Json)> Models, List<FlagSet> FlagSets, List<FlagRow> Flags);

    public static List<T> Query<T>(string path, string sql, Func<SqliteDataReader, T> read)
    {
        using var db = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<T>();
        while (r.Read()) rows.Add(read(r));
        return rows;
    }

    public static Snapshot Read(string path)
    {
        // Every column of a cohort must hold all its rows: a half-written cohort would not.
        var cohorts = Query(path, """
            SELECT c.Id, c.Name, c.RowCount,
                   COALESCE((SELECT MIN(s) FROM (SELECT SUM(k.RowCount) AS s FROM CohortColumns col
                             JOIN CohortColumnChunks k ON k.ColumnId = col.Id WHERE col.CohortId = c.Id GROUP BY col.Id)), 0),
                   (SELECT COUNT(*) FROM CohortColumns col WHERE col.CohortId = c.Id)
            FROM Cohorts c ORDER BY c.Id
            """, r => new CohortRow(r.GetInt32(0), r.GetString(1), r.GetInt32(2), r.GetInt64(3), r.GetInt32(4), DataHash(path, r.GetInt32(0))));
        var models = Query(path, "SELECT Id, ModelJson FROM Models ORDER BY Id", r => (r.GetInt32(0), r.GetString(1)));
        var sets = Query(path, "SELECT r.Id, r.ModelId, r.FlagCount, (SELECT COUNT(*) FROM GoodhartFlags f WHERE f.FlagRunId = r.Id) FROM FlagRuns r ORDER BY r.Id",
            r => new FlagSet(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3)));
        var flags = Query(path, "SELECT Id, FlagRunId, ModelId, Feature, Kind, Message FROM GoodhartFlags ORDER BY Id",
            r => new FlagRow(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetString(3), r.GetString(4), r.GetString(5)));
        return new Snapshot(cohorts, models, sets, flags);
    }

    /// <summary>
    /// SQLite's integrity check passes, everything in <paramref name="before"/> is still there unchanged, and every
    /// cohort and flag set present is whole (no half-saved one). Returns what is there now.
    /// </summary>
    public static Snapshot AssertIntact(string path, Snapshot before)
    {
        using (var db = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", cmd.ExecuteScalar() as string);
        }
        var now = Read(path);
        foreach (var c in before.Cohorts) Assert.Contains(c, now.Cohorts);
        foreach (var m in before.Models) Assert.Contains(m, now.Models);
        foreach (var s in before.FlagSets) Assert.Contains(s, now.FlagSets);
        foreach (var f in before.Flags) Assert.Contains(f, now.Flags);
        foreach (var c in now.Cohorts)
        {
            Assert.True(c.Columns > 0, $"cohort {c.Name} has no columns");
            Assert.Equal(c.Rows, c.ChunkRows);
        }
        foreach (var s in now.FlagSets) Assert.Equal(s.Declared, s.Stored);
        return now;
    }

    /// <summary>Status of the newest Goodhart check recorded on the model (null when none).</summary>
    public static (int Id, string Status)? LatestCheck(string path, int modelId) =>
        Query(path, $"SELECT Id, Status FROM CheckRuns WHERE ModelId = {modelId} ORDER BY Id DESC LIMIT 1",
            r => ((int, string)?)(r.GetInt32(0), r.GetString(1))).FirstOrDefault();

    /// <summary>How long each finished check of the model took, in seconds, oldest first.</summary>
    public static List<double> CheckSeconds(string path, int modelId) =>
        Query(path, $"SELECT (julianday(FinishedUtc) - julianday(StartedUtc)) * 86400 FROM CheckRuns WHERE ModelId = {modelId} AND Status = 'Finished' ORDER BY Id",
            r => r.GetDouble(0));

    public sealed record FitRunRow(int Id, string Status, string? Error, int? ModelId, double Progress);

    /// <summary>The newest fit run recorded under the given model name (null when none).</summary>
    public static FitRunRow? FitRun(string path, string name) =>
        Query(path, $"SELECT Id, Status, ErrorMessage, ModelId, Progress FROM FitRuns WHERE Name = '{name.Replace("'", "''")}' ORDER BY Id DESC LIMIT 1",
            r => new FitRunRow(r.GetInt32(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetInt32(3), r.GetDouble(4)))
            .FirstOrDefault();

    /// <summary>Polls the database until <paramref name="done"/> holds (no fixed sleep stands in for a state).</summary>
    public static async Task<T> WaitForAsync<T>(Func<T> read, Func<T, bool> done, TimeSpan timeout, string what, int pollMs = 100)
    {
        var deadline = DateTime.UtcNow + timeout;
        T value = read();
        while (!done(value))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}; last seen: {value}");
            await Task.Delay(pollMs);
            value = read();
        }
        return value;
    }

    private static string DataHash(string path, int cohortId)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var data in Query(path, $"""
            SELECT k.Data FROM CohortColumns col JOIN CohortColumnChunks k ON k.ColumnId = col.Id
            WHERE col.CohortId = {cohortId} ORDER BY col.Id, k."Index"
            """, r => (byte[])r.GetValue(0)))
            hash.AppendData(data);
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
