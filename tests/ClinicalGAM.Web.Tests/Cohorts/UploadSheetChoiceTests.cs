using Bunit;
using ClinicalGAM.TestFiles;
using ClinicalGAM.Web.Components.Pages.Cohorts;
using ClinicalGAM.Web.Services;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ClinicalGAM.Web.Tests.Cohorts;

/// <summary>The upload page with a workbook: a sheet select appears, and choosing a sheet re-reads the file from it.</summary>
public sealed class UploadSheetChoiceTests : WebTestContext
{
    public UploadSheetChoiceTests()
    {
        Ctx.Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Ctx.Services.AddSingleton(new UploadStaging(_stagingFolder));
        Ctx.Services.AddTransient<UploadSession>();
    }

    private readonly string _stagingFolder = Path.Combine(Path.GetTempPath(), $"upload-sheet-staging-{Guid.NewGuid():N}");

    [Fact]
    public async Task Choosing_a_sheet_reads_that_sheet_into_the_preview()
    {
        var bytes = WorkbookFile.Write(new SheetSpec("Readme", [["about"], ["a cohort"]]),
            new SheetSpec("Deliveries", [["age", "hb", "smm"], [30, 11.5, 0], [31, 9.0, 1], [32, 12.0, 0]]));
        var page = Ctx.Render<Upload>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(bytes, "cohort.xlsx"));
        page.WaitForAssertion(() => Assert.Contains("cohort.xlsx: 1 rows, 1 columns", page.Find("#upload-preview").TextContent),
            TimeSpan.FromSeconds(10));
        var select = page.FindComponent<MudSelect<string>>();
        Assert.Equal("Readme", select.Instance.Value);

        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("Deliveries"));

        page.WaitForAssertion(() => Assert.Contains("cohort.xlsx: 3 rows, 3 columns", page.Find("#upload-preview").TextContent),
            TimeSpan.FromSeconds(10));
        Assert.Equal("Deliveries", page.FindComponent<MudSelect<string>>().Instance.Value);
        Assert.Empty(page.FindAll(".upload-error"));
    }
}
