using System.Globalization;
using System.Text;
using ClinicalGAM.TestFiles;
using Microsoft.Playwright;

namespace ClinicalGAM.EndToEnd.Tests;

/// <summary>Cohort files beside CSV in the browser: an Excel workbook's sheet chosen and saved; a Latin-1 CSV's notice.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SourcesJourneyTests(AppServerFixture app)
{
    [Fact]
    public async Task A_workbook_sheet_is_chosen_previewed_saved_fitted_and_read()
    {
        string path = Path.Combine(app.DataDir, "deliveries.xlsx");
        File.WriteAllBytes(path, WorkbookFile.Write(new SheetSpec("Readme", [["about"], ["1,500 synthetic deliveries"]]),
            new SheetSpec("Deliveries", Rows(TestCohorts.WriteSmall(app.DataDir)))));
        var page = await app.OpenAsync("/upload");

        await AppServerFixture.ChooseFileAsync(page, path);
        await page.WaitForSelectorAsync("#upload-preview");
        Assert.Contains("1 rows, 1 columns", await page.InnerTextAsync("#upload-preview"));
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Sheet" }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Deliveries" }).ClickAsync();
        await page.Locator("#upload-preview", new() { HasText = "1,500 rows, 6 columns" }).WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ArtifactsDir, "20-upload-xlsx-sheet.png") });

        await app.ClickSaveCohortAsync(page);
        Assert.Equal("1,500", (await page.InnerTextAsync("#row-count")).Trim());

        // The workbook's cohort fits and reads like any other: a small fit, then its shape plots.
        await AppServerFixture.FitSmallModelAsync(page);
        await app.WaitForPlotAsync(page, ".shape-card");
        Assert.Contains("hemoglobin_g_dl", await page.InnerTextAsync("body"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ArtifactsDir, "20-xlsx-model.png"), FullPage = true });
    }

    [Fact]
    public async Task A_latin1_csv_is_read_with_a_notice_naming_its_encoding()
    {
        string path = Path.Combine(app.DataDir, "latin1.csv");
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes("patient_id,café,smm\n1,crème,0\n2,brûlée,1\n3,crème,0\n4,brûlée,0\n"));
        var page = await app.OpenAsync("/upload");

        await AppServerFixture.ChooseFileAsync(page, path);
        await page.WaitForSelectorAsync("#upload-preview");

        Assert.Contains("read as Windows-1252", await page.InnerTextAsync(".upload-notice"));
        Assert.Contains("café", await page.InnerTextAsync("#upload-preview"));
        Assert.DoesNotContain("\uFFFD", await page.InnerTextAsync("#upload-preview"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ArtifactsDir, "21-upload-latin1-notice.png") });
    }

    // The CSV's cells as typed workbook cells: numbers as numbers, empty as blank, text as text.
    private static object?[][] Rows(string csvPath) =>
        File.ReadLines(csvPath).Select(line => line.Split(',').Select(cell =>
            cell.Length == 0 ? null
            : double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) ? (object)x
            : cell).ToArray()).ToArray();
}
