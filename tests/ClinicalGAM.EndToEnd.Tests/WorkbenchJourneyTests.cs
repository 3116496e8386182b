using Microsoft.Playwright;

namespace ClinicalGAM.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class WorkbenchJourneyTests(AppServerFixture app)
{
    [Fact]
    public async Task Upload_fit_and_read_shape_plots()
    {
        var page = await app.OpenAsync("/upload");
        await AppServerFixture.ChooseFileAsync(page, TestCohorts.WriteSmall(app.DataDir));
        await page.WaitForSelectorAsync("#upload-preview");
        Assert.Contains("1,500 rows", await page.InnerTextAsync("#upload-preview"));
        await Screenshot(page, "01-upload-preview");

        await app.ClickSaveCohortAsync(page);
        Assert.Equal("1,500", (await page.InnerTextAsync("#row-count")).Trim());
        var ferritinRow = page.Locator("#profile-table tr", new() { HasText = "ferritin" });
        Assert.Matches(@"\d+\.\d%", await ferritinRow.Locator(".missing-cell").InnerTextAsync());
        await Screenshot(page, "02-cohort-profile");

        // Data dictionary: a label and unit for haemoglobin become its shape plot's axis title later.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Data dictionary" }).ClickAsync();
        var hbEntry = page.Locator("#dictionary-table tr", new() { HasText = "hemoglobin_g_dl" });
        await hbEntry.Locator(".dictionary-label input").FillAsync("Haemoglobin");
        await hbEntry.Locator(".dictionary-label input").PressAsync("Tab");
        await page.WaitForTimeoutAsync(300);
        await hbEntry.Locator(".dictionary-unit input").FillAsync("g/dL");
        await hbEntry.Locator(".dictionary-unit input").PressAsync("Tab");
        await page.WaitForTimeoutAsync(300);
        await Screenshot(page, "02b-data-dictionary");

        // Derived feature: a formula over two columns, checked and previewed as typed, saved with the cohort and
        // then offered to the fit like any other column (the model page must show its shape).
        await page.GetByRole(AriaRole.Tab, new() { Name = "Derived features" }).ClickAsync();
        await page.Locator(".derived-name input").FillAsync("hb_per_age");
        await page.Locator(".derived-formula input").FillAsync("hemoglobin_g_dl / maternal_age");
        await page.Locator(".derived-preview, #derived-features table").First.WaitForAsync();
        await page.Locator("#derived-save:not([disabled])").ClickAsync();
        await page.Locator(".derived-list", new() { HasText = "hb_per_age" }).WaitForAsync();
        await Screenshot(page, "02c-derived-feature");

        await page.ClickAsync("#fit-button");
        await page.WaitForSelectorAsync("#start-fit");
        await SetNumberAsync(page, "Bags", "3");
        await SetNumberAsync(page, "Pairwise interactions", "1");
        await page.ClickAsync("#start-fit");
        await page.WaitForSelectorAsync(".fit-job");
        await Screenshot(page, "03-fit-running");
        await page.WaitForSelectorAsync(".open-model", new() { Timeout = 120_000 });
        await page.ClickAsync(".open-model");

        await page.WaitForURLAsync("**/models/*");
        await page.WaitForSelectorAsync("#metrics-header");
        var auc = double.Parse(await page.InnerTextAsync("#test-auc"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(auc, 0.5, 1.0);
        // A shape plot is drawn by plotly in the browser: its SVG holds the step line's path.
        var agePlot = page.Locator("#term-maternal-age .js-plotly-plot");
        await agePlot.Locator("path.js-line").First.WaitForAsync();
        Assert.Contains(ShapeLegend, await page.InnerTextAsync("#term-maternal-age"));
        await page.WaitForTimeoutAsync(500);
        await Screenshot(page, "04-model-page", fullPage: true);
        await page.Locator("#term-hb-per-age").WaitForAsync();

        // Its plot may still be drawing (plots come in batches): the title is waited for, not read once.
        await Assertions.Expect(page.Locator("#term-hemoglobin-g-dl")).ToContainTextAsync("Haemoglobin (g/dL)", new() { Timeout = 30_000 });

        await page.ClickAsync("#blackbox-button");
        await page.WaitForSelectorAsync("#blackbox-result", new() { Timeout = 60_000 });
        Assert.Matches(@"FastTree \(black box\) 0\.\d{3}", await page.InnerTextAsync("#blackbox-result"));

        await page.ClickAsync("#subgroup-panel .mud-select");
        await page.GetByRole(AriaRole.Option, new() { Name = "delivery_mode" }).ClickAsync();
        await page.WaitForSelectorAsync("#subgroup-table");
        Assert.Equal(3, await page.Locator("#subgroup-table tbody tr").CountAsync());
        await page.Locator("#subgroup-panel").ScreenshotAsync(new() { Path = ArtifactPath("08-subgroups") });
        await page.Locator("#blackbox-panel").ScreenshotAsync(new() { Path = ArtifactPath("09-black-box-gap") });

        await page.ClickAsync("#flags-button");
        await page.Locator("#no-flags, .goodhart-flag").First.WaitForAsync(new() { Timeout = 60_000 });
        await page.Locator("#flags-panel").ScreenshotAsync(new() { Path = ArtifactPath("12-goodhart-flags") });

        await page.ClickAsync("#explain-button");
        await page.Locator("#waterfall-chart .js-plotly-plot, #waterfall-chart.js-plotly-plot").First.WaitForAsync();
        Assert.Matches(@"risk \d+\.\d%", await page.InnerTextAsync("#patient-risk"));
        await page.Locator("#patient-panel").ScreenshotAsync(new() { Path = ArtifactPath("07-patient-explanation") });

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#report-link"));
        var reportPath = Path.Combine(app.ArtifactsDir, "model-report.html");
        await download.SaveAsAsync(reportPath);
        var report = await File.ReadAllTextAsync(reportPath);
        Assert.Contains("Shape functions", report);
        Assert.Contains("src=\"data:image/svg+xml", report); // plots embedded, nothing fetched
        Assert.DoesNotContain("<script", report);
        var reportPage = await app.NewPageAsync();
        await reportPage.GotoAsync("file://" + reportPath);
        await reportPage.ScreenshotAsync(new() { Path = ArtifactPath("10-html-report"), FullPage = true });
        await page.Locator("#term-maternal-age").ScreenshotAsync(new() { Path = ArtifactPath("05-shape-maternal-age") });
    }

    [Fact]
    public async Task A_ragged_file_names_its_line_and_saves_nothing()
    {
        var page = await app.OpenAsync("/upload");
        await AppServerFixture.ChooseFileAsync(page, TestCohorts.WriteRagged(app.DataDir));
        var error = page.Locator(".upload-error");
        await error.WaitForAsync();
        Assert.Equal("3", (await error.Locator(".error-line").InnerTextAsync()).Trim());
        Assert.Contains("Nothing was saved", await error.InnerTextAsync());
        Assert.Equal(0, await page.Locator("#upload-preview").CountAsync());
        await Screenshot(page, "06-upload-error");
    }

    private const string ShapeLegend = "shape (mean over bags)";

    private static async Task SetNumberAsync(IPage page, string label, string value)
    {
        var input = page.GetByLabel(label, new() { Exact = true });
        await input.FillAsync(value);
        await input.PressAsync("Tab");
    }

    private string ArtifactPath(string name) => Path.Combine(app.ArtifactsDir, name + ".png");

    private Task Screenshot(IPage page, string name, bool fullPage = false) =>
        page.ScreenshotAsync(new() { Path = ArtifactPath(name), FullPage = fullPage });
}
