using Bunit;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Serialization.InterpretMl;
using ClinicalGAM.Web.Components.Pages.Models;
using ClinicalGAM.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalGAM.Web.Tests.Models;

public sealed class ImportModelPageTests : WebTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly byte[] InterpretMlFile =
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "interpretml-smm-small.json"));

    public ImportModelPageTests() => Ctx.Services.AddSingleton<ModelImportService>();

    // The columns the InterpretML file uses (maternal_age, hemoglobin_g_dl, delivery_mode) and the outcome.
    private static CohortTable Deliveries(int rows)
    {
        var rng = new Random(8);
        return new CohortTable([
            new NumericColumn("maternal_age", Enumerable.Range(0, rows).Select(_ => (double)rng.Next(16, 46)).ToArray()),
            new NumericColumn("hemoglobin_g_dl", Enumerable.Range(0, rows).Select(i => i % 17 == 0 ? double.NaN : 7 + 7 * rng.NextDouble()).ToArray()),
            new CategoricalColumn("delivery_mode", Enumerable.Range(0, rows).Select(i => i % 11 == 0 ? -1 : rng.Next(4)).ToArray(),
                ["cesarean_emergency", "cesarean_planned", "operative_vaginal", "vaginal"]),
            new NumericColumn("smm", Enumerable.Range(0, rows).Select(i => i % 5 == 0 ? 1.0 : 0.0).ToArray(), ColumnKind.Binary),
        ]);
    }

    private IRenderedComponent<ImportModelPage> Upload(byte[] content)
    {
        var page = Ctx.Render<ImportModelPage>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(content, "interpretml-smm-small.json"));
        return page;
    }

    [Fact]
    public async Task An_InterpretML_file_is_checked_against_each_cohort_and_saved_with_the_chosen_one()
    {
        await Store.SaveCohortAsync(TestModels.Cohort200(), "no age", "test");
        var deliveries = Deliveries(300);
        int cohortId = await Store.SaveCohortAsync(deliveries, "deliveries", "test");

        var page = Upload(InterpretMlFile);
        page.WaitForAssertion(() => Assert.Contains("4 terms (1 pairs) over 3 features, 2 bags",
            System.Text.RegularExpressions.Regex.Replace(page.Find("#import-summary").TextContent, @"\s+", " ")), Patience);
        Assert.All(page.FindAll(".import-candidate .candidate-status"), s => Assert.Equal("name the outcome column first", s.TextContent));

        page.Find(".outcome-input input").Change("smm");
        page.WaitForAssertion(() =>
        {
            var rows = page.FindAll(".import-candidate");
            Assert.Equal("lacks 'maternal_age'", rows[0].QuerySelector(".candidate-status")!.TextContent);
            Assert.True(rows[0].QuerySelector("button")!.HasAttribute("disabled"));
            Assert.Equal("ready", rows[1].QuerySelector(".candidate-status")!.TextContent);
        }, Patience);
        page.FindAll(".import-candidate")[1].QuerySelector("button")!.Click();

        var nav = Ctx.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Matches(@"models/\d+$", nav.Uri), Patience);
        var saved = Assert.Single(await Store.ListModelsAsync());
        var entry = (await Store.FindModelAsync(saved.Id))!;
        Assert.Equal((cohortId, "interpretml", "smm"), (entry.CohortId, entry.Model.Info.Engine, entry.Specification.Outcome));
        Assert.StartsWith("interpretml-smm-small", entry.Name); // the name defaults to the file name
        // Metrics are those of the file's model on the cohort's held-out fifth.
        Assert.Equal(60, entry.Metrics.TestRows);
        Assert.Equal(0.2, entry.Metrics.TestFraction);
        Assert.Equal(2400, entry.Metrics.TrainRows); // the rows InterpretML fitted on, not this cohort's
        var direct = InterpretMlJson.Deserialize(System.Text.Encoding.UTF8.GetString(InterpretMlFile), "smm");
        Assert.Equal(direct.Predict(deliveries), entry.Model.Predict(deliveries));
    }

    [Fact]
    public void A_file_that_is_not_a_binary_InterpretML_model_is_refused_with_the_reason()
    {
        var regression = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(InterpretMlFile)
            .Replace("\"task\": \"classification\"", "\"task\": \"regression\"").Replace("\"link\": \"logit\"", "\"link\": \"identity\""));
        var page = Upload(regression);
        page.WaitForAssertion(() => Assert.Contains("regression model (link 'identity')", page.Find("#import-error").TextContent), Patience);
        Assert.Empty(page.FindAll("#import-preview"));
    }
}
