using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Storage.Tests;

/// <summary>The real start-up path: the shipped sample CSV, read by Core's reader, saved and loaded back.</summary>
public sealed class SampleCohortSeedTests
{
    private static string SampleCsv()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "sample-data", "smm_cohort.csv");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("sample-data/smm_cohort.csv not found above the test folder.");
    }

    [Fact]
    public async Task The_shipped_sample_cohort_is_seeded_and_loads_back_identical()
    {
        await using var db = await TestDatabase.CreateAsync();
        string csv = SampleCsv();

        int? id = await db.Initializer.SeedCohortIfEmptyAsync(csv);

        Assert.NotNull(id);
        var expected = CohortCsvReader.Read(csv);
        var loaded = await db.Cohorts.LoadAsync(id.Value);
        CohortAssert.Identical(expected, loaded);
        var summary = (await db.Cohorts.GetSummaryAsync(id.Value))!;
        Assert.Equal(("smm_cohort", "smm_cohort.csv", expected.RowCount), (summary.Name, summary.SourceFileName, summary.RowCount));
        // Compact: well under the 8 bytes per cell a plain double array would take.
        long cells = (long)expected.RowCount * expected.Columns.Count;
        Assert.True(summary.StoredBytes < cells * 2, $"{summary.StoredBytes} bytes for {cells} cells");
    }
}
