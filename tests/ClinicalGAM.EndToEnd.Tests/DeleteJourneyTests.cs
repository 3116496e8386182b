using Microsoft.Playwright;

namespace ClinicalGAM.EndToEnd.Tests;

/// <summary>
/// Single-user mode in the browser: the local user (owner of the default project) deletes a model from its page and
/// then its cohort, each after a confirmation naming what goes; the audit log keeps the upload, fit and both deletes.
/// The accounts page is not offered without accounts. Screenshots: test-artifacts/delete-*.png.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DeleteJourneyTests(AppServerFixture app)
{
    [Fact]
    public async Task The_local_user_deletes_a_model_then_its_cohort_after_confirming_and_the_trail_stays()
    {
        var page = await app.OpenAsync("/upload");
        await app.SaveCohortAsync(page, TestCohorts.WriteSmall(app.DataDir, 99, "to-delete.csv"));
        string cohortUrl = page.Url;
        string cohortId = cohortUrl[(cohortUrl.LastIndexOf('/') + 1)..];
        string modelUrl = await AppServerFixture.FitSmallModelAsync(page);
        string modelId = modelUrl[(modelUrl.LastIndexOf('/') + 1)..];

        await page.WaitForSelectorAsync("#delete-model");
        await page.Locator("#app-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.ClickAsync("#delete-model");
        await Assertions.Expect(page.Locator("#delete-removes")).ToContainTextAsync("the model");
        await Screenshot(page, "delete-01-model-dialog");
        await page.ClickAsync("#confirm-delete");
        await page.WaitForURLAsync(cohortUrl);
        await Assertions.Expect(page.Locator("#delete-cohort")).ToBeVisibleAsync();

        await page.ClickAsync("#delete-cohort");
        var removes = page.Locator("#delete-removes");
        await Assertions.Expect(removes).ToContainTextAsync("columns");
        Assert.DoesNotContain("model version", await removes.InnerTextAsync()); // the model went first
        await Assertions.Expect(page.Locator("#delete-keeps")).ToContainTextAsync("the audit trail");
        await Screenshot(page, "delete-02-cohort-dialog");
        await page.ClickAsync("#confirm-delete");
        await page.WaitForURLAsync("**/cohorts");
        await page.WaitForSelectorAsync("#cohorts-title");
        await Assertions.Expect(page.GetByText("Deleted cohort “to-delete”")).ToBeVisibleAsync(); // the snackbar
        Assert.DoesNotContain($"cohorts/{cohortId}\"", await page.ContentAsync());
        await Screenshot(page, "delete-03-cohort-list");

        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync($"/models/{modelId}/model.json")).StatusCode);
        var rows = (await http.GetStringAsync("/audit.csv")).Split('\n').Where(r => r.EndsWith($",{cohortId},", StringComparison.Ordinal)
            || r.EndsWith($",{cohortId},{modelId}", StringComparison.Ordinal)).ToList();
        Assert.Contains(rows, r => r.Contains(",upload,", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains(",fit,", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains(",delete,", StringComparison.Ordinal) && r.EndsWith($",{cohortId},{modelId}", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains(",delete,", StringComparison.Ordinal) && r.Contains("cohort deleted with", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_accounts_the_accounts_page_says_they_are_off_and_the_menu_does_not_offer_it()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var accounts = await http.GetStringAsync("/admin/accounts");
        Assert.Contains("Accounts are off", accounts);
        Assert.Contains("ClinicalGam__Accounts=true", accounts);
        Assert.DoesNotContain("account-list", accounts);
        Assert.DoesNotContain("new-account-email", accounts);

        var home = await http.GetStringAsync("/");
        Assert.Contains("href=\"projects\"", home); // the menu is there ...
        Assert.DoesNotContain("href=\"admin/accounts\"", home); // ... without the accounts entry
    }

    private Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(app.ArtifactsDir, name + ".png") });
}
