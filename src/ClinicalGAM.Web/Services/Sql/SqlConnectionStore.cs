using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace ClinicalGAM.Web.Services.Sql;

/// <summary>A saved PostgreSQL connection as the page lists it: everything but the password.</summary>
public sealed record SqlConnectionEntry(string Id, string Name, string Host, int Port, string Database, string Username)
{
    public string Describe() => $"{Username}@{Host}:{Port}/{Database}";
}

/// <summary>What the user types to save a connection.</summary>
public sealed class SqlConnectionForm
{
    public string Name { get; set; } = "";
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 5432;
    public string Database { get; set; } = "";
    public string Username { get; set; } = "";
    public string Password { get; set; } = "";
}

/// <summary>
/// Saved PostgreSQL connections in a small JSON file in the data folder (next to the SQLite database, no schema
/// change). The password is stored only as ASP.NET Core Data Protection ciphertext, whose keys live in the data
/// folder's keys/ directory: neither the file nor the database ever holds it in clear text, and it is unprotected only
/// to build a connection string at the moment a query runs.
/// </summary>
public sealed class SqlConnectionStore
{
    public const string FileName = "sql-connections.json";
    private const string Purpose = "ClinicalGAM.SqlConnections.Password.v1";

    private readonly string _folder;
    private readonly IDataProtector _protector;
    private readonly Lock _gate = new();

    public SqlConnectionStore(string dataFolder, IDataProtectionProvider protection)
    {
        Directory.CreateDirectory(dataFolder);
        _folder = dataFolder;
        _protector = protection.CreateProtector(Purpose);
    }

    public IReadOnlyList<SqlConnectionEntry> List()
    {
        lock (_gate) return Load().Select(s => s.Entry).OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Saves a new connection, or replaces the one of the same name; returns it.</summary>
    public SqlConnectionEntry Save(SqlConnectionForm form)
    {
        string name = form.Name.Trim();
        if (name.Length == 0) throw new InvalidOperationException("Give the connection a name.");
        if (string.IsNullOrWhiteSpace(form.Host) || string.IsNullOrWhiteSpace(form.Database) || string.IsNullOrWhiteSpace(form.Username))
            throw new InvalidOperationException("A connection needs a host, a database and a user name.");
        if (form.Port is < 1 or > 65535) throw new InvalidOperationException($"The port must be between 1 and 65535, not {form.Port}.");
        lock (_gate)
        {
            var all = Load();
            var old = all.FirstOrDefault(s => string.Equals(s.Entry.Name, name, StringComparison.OrdinalIgnoreCase));
            var entry = new SqlConnectionEntry(old?.Entry.Id ?? Guid.NewGuid().ToString("N"), name, form.Host.Trim(), form.Port,
                form.Database.Trim(), form.Username.Trim());
            all.RemoveAll(s => s.Entry.Id == entry.Id);
            all.Add(new Stored(entry, _protector.Protect(form.Password)));
            Write(all);
            return entry;
        }
    }

    public bool Delete(string id)
    {
        lock (_gate)
        {
            var all = Load();
            if (all.RemoveAll(s => s.Entry.Id == id) == 0) return false;
            Write(all);
            return true;
        }
    }

    public SqlConnectionEntry? Find(string id)
    {
        lock (_gate) return Load().FirstOrDefault(s => s.Entry.Id == id)?.Entry;
    }

    /// <summary>The Npgsql connection string of a saved connection, its password unprotected for this use only.</summary>
    public string ConnectionString(string id)
    {
        Stored stored;
        lock (_gate) stored = Load().FirstOrDefault(s => s.Entry.Id == id) ?? throw new InvalidOperationException("The saved connection no longer exists.");
        string password;
        try
        {
            password = _protector.Unprotect(stored.ProtectedPassword);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // The keys in data/keys were lost or replaced: the stored password can no longer be read.
            throw new InvalidOperationException($"The password of '{stored.Entry.Name}' cannot be decrypted (the data protection keys changed): save the connection again.");
        }
        var e = stored.Entry;
        return new NpgsqlConnectionStringBuilder { Host = e.Host, Port = e.Port, Database = e.Database, Username = e.Username, Password = password }.ConnectionString;
    }

    // One list per project (team mode): another project's saved connections, and the credentials in them, are not
    // offered. The default project (single-user mode) keeps the original file name.
    private string ListPath => ClinicalGAM.Storage.ProjectScope.Current?.ProjectId switch
    {
        null or ClinicalGAM.Storage.ProjectRecord.DefaultId => Path.Combine(_folder, FileName),
        > 0 and var id => Path.Combine(_folder, $"sql-connections-project-{id}.json"),
        _ => throw new UnauthorizedAccessException("Choose a project first: saved connections belong to a project."),
    };

    private sealed record Stored(SqlConnectionEntry Entry, string ProtectedPassword);

    private List<Stored> Load()
    {
        if (!File.Exists(ListPath)) return [];
        return JsonSerializer.Deserialize<List<Stored>>(File.ReadAllText(ListPath)) ?? [];
    }

    // Written through a temporary file, so a crash never leaves half a list.
    private void Write(List<Stored> all)
    {
        string temporary = ListPath + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(all, new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temporary, ListPath, overwrite: true);
    }
}
