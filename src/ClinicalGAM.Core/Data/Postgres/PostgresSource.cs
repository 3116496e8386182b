using System.Data;
using ClinicalGAM.Core.Data.Sources;
using Npgsql;

namespace ClinicalGAM.Core.Data.Postgres;

/// <summary>
/// A query's result as a cohort source. The query runs once, as a SCROLL cursor inside a READ ONLY, REPEATABLE READ
/// transaction with a statement timeout: the server holds the rows, each pass rewinds the cursor and fetches them in
/// blocks, so both passes of the shared inference see the same rows in the same order and this process never holds
/// the whole result (only a block of rows at a time). Disposing rolls the transaction back and closes the connection.
/// </summary>
internal sealed class PostgresSource : ICohortSource, IDisposable
{
    private const string Cursor = "clinicalgam_cohort";
    private const string Declare = $"DECLARE {Cursor} SCROLL CURSOR FOR ";
    private const int Block = 5_000;

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly PostgresColumn[] _columns;
    private readonly string _query;
    private readonly int _timeoutSeconds;
    private readonly int? _limit;

    private PostgresSource(NpgsqlConnection connection, NpgsqlTransaction transaction, PostgresColumn[] columns,
        string[] names, string query, int timeoutSeconds, int rows, int? limit)
    {
        _connection = connection;
        _transaction = transaction;
        _columns = columns;
        Names = names;
        _query = query;
        _timeoutSeconds = timeoutSeconds;
        RowUpperBound = rows;
        _limit = limit;
    }

    public IReadOnlyList<string> Names { get; }
    public int RowUpperBound { get; }
    public string LineWord => "Row";
    public long FirstDataLine => 1;

    /// <summary>The PostgreSQL type of each column, in order (for the preview).</summary>
    public IReadOnlyList<PostgresColumn> Columns => _columns;

    /// <summary>Columns whose PostgreSQL type is text: never read as numbers.</summary>
    public IReadOnlySet<string> TextColumns => _columns.Where(c => c.Kind == PostgresValueKind.Text).Select(c => c.Name).ToHashSet();

    /// <summary>
    /// Connects, runs the query as a cursor and counts its rows (all of them, or up to <paramref name="limit"/> for a
    /// preview, which then reads no further). Throws <see cref="CohortFormatException"/> for every failure a user can fix.
    /// </summary>
    public static PostgresSource Open(PostgresCohortQuery request, int? limit, CancellationToken ct)
    {
        string query = PostgresStatement.Check(request.Sql);
        var builder = Builder(request.ConnectionString);
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            try
            {
                connection.OpenAsync(ct).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw PostgresErrors.Connecting(e, builder);
            }
            var transaction = connection.BeginTransaction(IsolationLevel.RepeatableRead);
            try
            {
                Run(connection, "SET TRANSACTION READ ONLY", ct);
                Run(connection, $"SET LOCAL statement_timeout = {checked(request.TimeoutSeconds * 1000)}", ct);
                Run(connection, Declare + query, ct);
                int rows = limit ?? Count(connection, ct);
                var columns = Describe(connection, ct);
                var names = Named(columns);
                return new PostgresSource(connection, transaction, columns, names, query, request.TimeoutSeconds, rows, limit);
            }
            catch (Exception e) when (e is not CohortFormatException)
            {
                throw PostgresErrors.Querying(e, query, Declare.Length, request.TimeoutSeconds, ct);
            }
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public int Pass(FieldHandler handler, bool[]? wanted, IProgress<double>? progress, double from, double to, CancellationToken ct)
    {
        try
        {
            return Read(handler, wanted, progress, from, to, ct);
        }
        catch (Exception e) when (e is not CohortFormatException and not OperationCanceledException)
        {
            throw PostgresErrors.Querying(e, _query, 0, _timeoutSeconds, ct);
        }
    }

    private int Read(FieldHandler handler, bool[]? wanted, IProgress<double>? progress, double from, double to, CancellationToken ct)
    {
        Run(_connection, $"MOVE ABSOLUTE 0 IN {Cursor}", ct);
        var text = new CellText();
        int row = 0;
        int want = _limit ?? int.MaxValue;
        while (row < want)
        {
            ct.ThrowIfCancellationRequested();
            int before = row;
            using (var command = new NpgsqlCommand($"FETCH FORWARD {Math.Min(Block, want - row)} FROM {Cursor}", _connection))
            using (ct.Register(command.Cancel))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    for (int c = 0; c < _columns.Length; c++)
                    {
                        if (wanted is not null && !wanted[c]) continue;
                        ReadOnlySpan<char> value;
                        try
                        {
                            value = _columns[c].Text(reader, c, text);
                        }
                        catch (Exception e) when (e is InvalidCastException or OverflowException or NotSupportedException)
                        {
                            throw new CohortFormatException($"the value cannot be read as {_columns[c].TypeName} ({e.Message.TrimEnd('.')}).",
                                row + 1, _columns[c].Name, LineWord);
                        }
                        handler(row, c, value, row + 1);
                    }
                    row++;
                }
            }
            if (row == before) break;
            progress?.Report(from + (to - from) * Math.Min(1.0, row / (double)Math.Max(1, RowUpperBound)));
        }
        if (row == 0)
            throw new CohortFormatException("the query returned no rows, so there is no cohort to import: check its WHERE clause.");
        return row;
    }

    // A result's column names are the header: each must be a name of its own (SELECT a.id, b.id gives two 'id').
    private static string[] Named(PostgresColumn[] columns)
    {
        for (int c = 0; c < columns.Length; c++)
            for (int d = 0; d < c; d++)
                if (columns[d].Name == columns[c].Name)
                    throw new CohortFormatException(
                        $"the query returns two columns named '{columns[c].Name}' (columns {d + 1} and {c + 1}): give each its own name with AS.");
        return HeaderNames.Check(columns.Select(c => c.Name).ToList(), 1, "Row");
    }

    // MOVE runs the whole query on the server (into the cursor's store) and reports how many rows it has.
    private static int Count(NpgsqlConnection connection, CancellationToken ct)
    {
        long rows = Run(connection, $"MOVE FORWARD ALL IN {Cursor}", ct);
        if (rows > Array.MaxLength)
            throw new CohortFormatException($"the query returns {rows:N0} rows, more than one cohort can hold ({Array.MaxLength:N0}).");
        return (int)rows;
    }

    // FETCH of nothing (the position before the first row) still describes the columns.
    private static PostgresColumn[] Describe(NpgsqlConnection connection, CancellationToken ct)
    {
        using var command = new NpgsqlCommand($"FETCH ABSOLUTE 0 FROM {Cursor}", connection);
        using (ct.Register(command.Cancel))
        using (var reader = command.ExecuteReader())
        {
            if (reader.FieldCount == 0) throw new CohortFormatException("the query returns no columns.");
            return Enumerable.Range(0, reader.FieldCount).Select(c => PostgresColumn.Describe(reader, c)).ToArray();
        }
    }

    private static long Run(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        using var command = new NpgsqlCommand(sql, connection);
        using (ct.Register(command.Cancel))
            return command.ExecuteNonQuery();
    }

    private static NpgsqlConnectionStringBuilder Builder(string connectionString)
    {
        try
        {
            // The reader's own settings: no pooled session carries state over; the application name shows in pg_stat_activity.
            return new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "ClinicalGAM cohort import" };
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new CohortFormatException($"the connection string is not valid ({e.Message.TrimEnd('.')}): write it as Host=...;Port=5432;Database=...;Username=...;Password=...");
        }
    }

    public void Dispose()
    {
        try { _transaction.Rollback(); } catch (Exception e) when (e is NpgsqlException or InvalidOperationException) { }
        _transaction.Dispose();
        _connection.Dispose();
    }
}
