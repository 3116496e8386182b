using ClinicalGAM.Core.Data;
using ClinicalGAM.Storage;
using ClinicalGAM.TestFiles;
using ClinicalGAM.Web.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalGAM.Web.Tests.Cohorts;

/// <summary>
/// Every file of the reliability corpus through the web upload service over a real SQLite database: a bad file gives
/// its sentence (line and column where known) and leaves the database without a cohort; a good one is saved whole
/// and loads back with the same shape.
/// </summary>
public sealed class UploadCorpusTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"upload-corpus-{Guid.NewGuid():N}.db");
    private readonly UploadStaging _staging = new(Path.Combine(Path.GetTempPath(), $"upload-corpus-staging-{Guid.NewGuid():N}"));
    private ServiceProvider _services = default!;
    private IWorkbenchStore _store = default!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddClinicalGamStorage($"Data Source={_path}");
        services.AddSingleton<IWorkbenchStore, SqliteWorkbenchStore>();
        services.AddSingleton<CohortService>();
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        _store = _services.GetRequiredService<IWorkbenchStore>();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _path, _path + "-wal", _path + "-shm" }) if (File.Exists(f)) File.Delete(f);
        Directory.Delete(_staging.Folder, recursive: true);
    }

    private UploadSession Session(int? limitMegabytes)
    {
        var settings = new Dictionary<string, string?>();
        if (limitMegabytes is { } mb) settings["ClinicalGam:MaxUploadMegabytes"] = mb.ToString();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new UploadSession(_services.GetRequiredService<CohortService>(), configuration, _staging);
    }

    public static IEnumerable<object[]> Names => MalformedCorpus.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Each_file_gets_its_sentence_and_nothing_saved_or_is_saved_whole(string name)
    {
        var file = MalformedCorpus.Get(name);
        try
        {
            await CheckFile(file);
        }
        finally
        {
            // Whatever happened, the staged copy of the file is gone once its session ends.
            Assert.Empty(Directory.EnumerateFiles(_staging.Folder));
        }
    }

    private async Task CheckFile(CorpusFile file)
    {
        using var session = Session(file.LimitMegabytes);
        var progress = new Progress<double>();

        async Task StageAndRead()
        {
            await session.StageAsync(new CorpusBrowserFile(file.FileName, file.Bytes()), progress, CancellationToken.None);
            if (file.Sheet is not null) session.Sheet = file.Sheet;
            foreach (var (column, kind) in file.Overrides ?? new Dictionary<string, ColumnKind>()) session.Overrides[column] = kind;
            await session.ReadAsync(progress, CancellationToken.None);
        }

        if (file.Fails)
        {
            var e = await Assert.ThrowsAsync<CohortFormatException>(StageAndRead);
            Assert.Contains(file.Error!, e.Message);
            if (file.Line is { } line) Assert.Equal(line, e.Line);
            if (file.Column is { } column) Assert.Equal(column, e.Column);
            Assert.Null(session.Preview);
            await Assert.ThrowsAsync<InvalidOperationException>(() => session.SaveAsync("bad", CancellationToken.None));
            Assert.Empty(await _store.ListCohortsAsync());
            return;
        }

        await StageAndRead();
        if (file.Notice is { } notice) Assert.Contains(notice, Assert.Single(session.Notices));
        else Assert.Empty(session.Notices);
        int id = await session.SaveAsync("good", CancellationToken.None);
        var saved = Assert.Single(await _store.ListCohortsAsync());
        Assert.Equal(id, saved.Id);
        var back = await _store.LoadCohortAsync(id);
        Assert.Equal(file.Rows, back.RowCount);
        Assert.Equal(file.Columns, back.Columns.Count);
        file.Check?.Invoke(back);
    }

    [Fact]
    public async Task A_workbook_lists_its_sheets_after_staging_and_the_chosen_sheet_is_what_is_saved()
    {
        var bytes = WorkbookFile.Write(new SheetSpec("Readme", [["about"], ["a cohort"]]),
            new SheetSpec("Deliveries", [["age", "smm"], [30, 0], [31, 1], [32, 0]]));
        using var session = Session(null);
        await session.StageAsync(new CorpusBrowserFile("cohort.xlsx", bytes), new Progress<double>(), CancellationToken.None);
        Assert.Equal(["Readme", "Deliveries"], session.Sheets);
        Assert.Equal("Readme", session.Sheet);

        session.Sheet = "Deliveries";
        await session.ReadAsync(new Progress<double>(), CancellationToken.None);
        int id = await session.SaveAsync("", CancellationToken.None);

        var entry = Assert.Single(await _store.ListCohortsAsync());
        Assert.Equal(id, entry.Id);
        Assert.Equal("upload:cohort.xlsx#Deliveries", entry.Source);
        Assert.Equal(["age", "smm"], (await _store.LoadCohortAsync(id)).Columns.Select(c => c.Name));
    }
}
