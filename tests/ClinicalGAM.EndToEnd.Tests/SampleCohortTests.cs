namespace ClinicalGAM.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class SampleCohortTests(AppServerFixture app)
{
    [Fact]
    public async Task The_sample_cohort_uploads_with_its_types_and_shows_prevalence_by_year()
    {
        var page = await app.OpenAsync("/upload");
        await app.SaveCohortAsync(page, Path.Combine(app.RepoRoot, "sample-data", "smm_cohort.csv"));

        Assert.Equal("20,000", (await page.InnerTextAsync("#row-count")).Trim());
        var year = page.Locator("#profile-table tr", new() { HasText = "delivery_year" });
        Assert.Contains("Date", await year.InnerTextAsync());
        await page.Locator("#prevalence-by-year .js-plotly-plot").First.WaitForAsync();
        await page.WaitForTimeoutAsync(300);
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ArtifactsDir, "11-sample-cohort.png"), FullPage = true });
    }
}
