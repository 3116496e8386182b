using Bunit;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Web.Components.Pages.Cohorts;

namespace ClinicalGAM.Web.Tests.Cohorts;

public sealed class UploadErrorTests : WebTestContext
{
    [Fact]
    public void Names_the_line_and_column_of_a_format_error()
    {
        var error = new CohortFormatException("expected 3 fields but found 2", 3, "smm");
        var alert = Ctx.Render<UploadError>(p => p.Add(c => c.Error, error));
        Assert.Equal("3", alert.Find(".error-line").TextContent);
        Assert.Equal("smm", alert.Find(".error-column").TextContent);
        Assert.Contains("expected 3 fields but found 2", alert.Markup);
        Assert.Contains("Nothing was saved", alert.Markup);
    }

    [Fact]
    public void Names_a_workbook_row_by_its_sheet_and_row()
    {
        var error = new CohortFormatException("'north' is not a number.", 5, "site", "Sheet 'Deliveries', row");
        var alert = Ctx.Render<UploadError>(p => p.Add(c => c.Error, error));
        Assert.Contains("Sheet 'Deliveries', row", alert.Find(".upload-error").TextContent);
        Assert.DoesNotContain("Line", alert.Find(".upload-error").TextContent);
        Assert.Equal("5", alert.Find(".error-line").TextContent);
    }

    [Fact]
    public void A_database_error_on_saving_says_to_check_the_cohort_list_rather_than_that_nothing_was_saved()
    {
        // SQLITE_BUSY (5): the save's audit entry may fail after the cohort's own transaction committed.
        var error = new Microsoft.Data.Sqlite.SqliteException("SQLite Error 5: 'database is locked'.", 5);
        var alert = Ctx.Render<UploadError>(p => p.Add(c => c.Error, error));
        string text = alert.Find(".upload-error").TextContent;
        Assert.Contains("database is locked", text);
        Assert.Contains("Open the cohort list", text);
        Assert.DoesNotContain("Nothing was saved", text);
    }

    [Fact]
    public void Shows_nothing_without_an_error()
    {
        var alert = Ctx.Render<UploadError>();
        Assert.Empty(alert.FindAll(".upload-error"));
    }
}
