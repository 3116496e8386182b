using ClinicalGAM.Storage;
using ClinicalGAM.Web.Services.Sql;
using Microsoft.AspNetCore.DataProtection;

namespace ClinicalGAM.Web.Tests.Services.Sql;

/// <summary>Saved PostgreSQL connections (with their encrypted passwords) belong to a project: another project neither lists nor uses them.</summary>
public sealed class SqlConnectionsPerProjectTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"clinicalgam-sqlconn-{Guid.NewGuid():N}");

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private static IDisposable As(int project) => ProjectScope.Enter(new ProjectScope(project, ProjectRole.Analyst, "someone", false, "u"));

    [Fact]
    public void A_connection_saved_in_one_project_is_not_offered_in_another_and_single_user_mode_keeps_its_file()
    {
        var store = new SqlConnectionStore(_folder, DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(_folder, "keys"))));
        var form = new SqlConnectionForm { Name = "warehouse", Host = "db.hospital.example", Database = "omop", Username = "reader", Password = "s3cret" };
        SqlConnectionEntry saved;
        using (As(7)) saved = store.Save(form);
        using (As(8))
        {
            Assert.Empty(store.List());
            Assert.Null(store.Find(saved.Id));
            Assert.Throws<InvalidOperationException>(() => store.ConnectionString(saved.Id));
        }
        using (As(7)) Assert.Contains("Password=s3cret", store.ConnectionString(saved.Id));
        Assert.Empty(store.List()); // no scope: the default project's list (single-user mode), untouched
        store.Save(form);
        Assert.True(File.Exists(Path.Combine(_folder, SqlConnectionStore.FileName)));
        using (As(0)) Assert.Throws<UnauthorizedAccessException>(() => store.List());
    }
}
