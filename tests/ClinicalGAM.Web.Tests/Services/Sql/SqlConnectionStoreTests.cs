using ClinicalGAM.Web.Services.Sql;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace ClinicalGAM.Web.Tests.Services.Sql;

/// <summary>Saved connections: the password never in clear text on disk, readable again after a restart with the same keys.</summary>
public sealed class SqlConnectionStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "clinicalgam-sqlstore-" + Guid.NewGuid().ToString("N"));

    private SqlConnectionStore Open() =>
        new(_folder, DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(_folder, "keys")), b => b.SetApplicationName("ClinicalGAM")));

    private static SqlConnectionForm Form(string password = "s3cret-Hb-11.5") => new()
    {
        Name = "OMOP warehouse", Host = "warehouse.local", Port = 5433, Database = "omop", Username = "reader", Password = password,
    };

    [Fact]
    public void The_password_is_stored_only_encrypted_and_comes_back_after_a_restart()
    {
        var saved = Open().Save(Form());

        string onDisk = File.ReadAllText(Path.Combine(_folder, SqlConnectionStore.FileName));
        Assert.DoesNotContain("s3cret", onDisk);
        Assert.Contains("warehouse.local", onDisk);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_folder, "keys"), "key-*.xml"));

        var restarted = Open(); // a new process with the keys persisted in the data folder
        var builder = new NpgsqlConnectionStringBuilder(restarted.ConnectionString(saved.Id));
        Assert.Equal("s3cret-Hb-11.5", builder.Password);
        Assert.Equal(("warehouse.local", 5433, "omop", "reader"), (builder.Host, builder.Port, builder.Database, builder.Username));
    }

    [Fact]
    public void Saving_under_the_same_name_replaces_and_delete_removes()
    {
        var store = Open();
        var first = store.Save(Form("one"));
        var second = store.Save(Form("two"));

        Assert.Equal(first.Id, second.Id);
        Assert.Single(store.List());
        Assert.Equal("two", new NpgsqlConnectionStringBuilder(store.ConnectionString(first.Id)).Password);
        Assert.True(store.Delete(first.Id));
        Assert.Empty(store.List());
    }

    [Fact]
    public void Keys_from_another_installation_cannot_read_the_password_and_say_so()
    {
        var saved = Open().Save(Form());
        Directory.Delete(Path.Combine(_folder, "keys"), recursive: true);

        var e = Assert.Throws<InvalidOperationException>(() => Open().ConnectionString(saved.Id));

        Assert.Contains("cannot be decrypted", e.Message);
    }

    [Fact]
    public void A_connection_without_a_database_is_refused()
    {
        var form = Form();
        form.Database = " ";

        var e = Assert.Throws<InvalidOperationException>(() => Open().Save(form));

        Assert.Contains("needs a host, a database and a user name", e.Message);
        Assert.False(File.Exists(Path.Combine(_folder, SqlConnectionStore.FileName)));
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
