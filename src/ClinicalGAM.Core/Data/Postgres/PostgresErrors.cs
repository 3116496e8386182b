using System.Net.Sockets;
using Npgsql;

namespace ClinicalGAM.Core.Data.Postgres;

/// <summary>
/// Npgsql's exceptions turned into messages a researcher can act on (as <see cref="CohortFormatException"/>, so every
/// caller that shows a bad cohort file shows these too): a refused connection, a wrong password, a missing database, a
/// failing query with where it failed in the user's own text, a timeout, an attempt to change data.
/// </summary>
internal static class PostgresErrors
{
    public static CohortFormatException Connecting(Exception e, NpgsqlConnectionStringBuilder at)
    {
        string server = $"{at.Host}:{at.Port}";
        if (Find<PostgresException>(e) is { } pg)
            return pg.SqlState switch
            {
                "28P01" or "28000" => new CohortFormatException(
                    $"PostgreSQL at {server} rejected the user name or password for user '{at.Username}': check them, nothing was imported."),
                "3D000" => new CohortFormatException($"PostgreSQL at {server} has no database named '{at.Database}'."),
                _ => new CohortFormatException($"PostgreSQL at {server} refused the connection: {pg.MessageText}"),
            };
        if (Find<SocketException>(e) is { } socket)
            return new CohortFormatException(socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused =>
                    $"the connection to PostgreSQL at {server} was refused: no server is listening there (check the host and port, and that the server accepts TCP connections).",
                SocketError.HostNotFound or SocketError.NoData => $"the host '{at.Host}' is not known: check its name.",
                _ => $"PostgreSQL at {server} cannot be reached ({socket.Message.TrimEnd('.')}).",
            });
        if (e is TimeoutException || Find<TimeoutException>(e) is not null)
            return new CohortFormatException($"PostgreSQL at {server} did not answer within {at.Timeout} s.");
        if (e is NpgsqlException && e.Message.Contains("password", StringComparison.OrdinalIgnoreCase))
            return new CohortFormatException($"PostgreSQL at {server} asks for a password for user '{at.Username}', and none was given.");
        return new CohortFormatException($"cannot connect to PostgreSQL at {server}: {e.Message.TrimEnd('.')}.");
    }

    /// <summary>An error while running the query; <paramref name="offset"/> is where the user's text starts in the statement sent.</summary>
    public static Exception Querying(Exception e, string query, int offset, int timeoutSeconds, CancellationToken ct)
    {
        if (ct.IsCancellationRequested) return new OperationCanceledException("The import was cancelled.", e, ct);
        if (Find<PostgresException>(e) is not { } pg)
            return Find<NpgsqlException>(e) is { } lost
                ? new CohortFormatException($"the connection to PostgreSQL was lost while the query ran ({lost.Message.TrimEnd('.')}).")
                : e;
        return pg.SqlState switch
        {
            "57014" => new CohortFormatException(
                $"the query ran longer than the statement timeout ({timeoutSeconds} s) and was stopped: narrow it, or raise the timeout."),
            "25006" => new CohortFormatException(
                $"the query tries to change data ({pg.MessageText}); only reading queries are run, so nothing was changed."),
            _ => new CohortFormatException($"the query failed{Position(pg, query, offset)}: {pg.MessageText}" +
                (pg.Hint is { Length: > 0 } hint ? $" (hint: {hint})" : "")),
        };
    }

    // PostgreSQL's position counts characters from 1 in the statement it received (the cursor around the user's text).
    private static string Position(PostgresException pg, string query, int offset)
    {
        int at = pg.Position - 1 - offset;
        if (pg.Position <= 0 || at < 0 || at > query.Length) return "";
        string near = query[at..Math.Min(query.Length, at + 20)].Split('\n')[0].Trim();
        return $" at {PostgresStatement.Where(query, at)}" + (near.Length > 0 ? $" (near '{near}')" : "");
    }

    private static T? Find<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
            if (e is T found) return found;
        return null;
    }
}
