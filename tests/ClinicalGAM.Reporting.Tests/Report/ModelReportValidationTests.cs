using ClinicalGAM.Reporting.Report;

namespace ClinicalGAM.Reporting.Tests.Report;

public class ModelReportValidationTests
{
    [Fact]
    public void Performance_states_internal_and_external_validation_or_that_none_was_done()
    {
        var none = ReportFixture.Build().Report.ToHtml();
        var cv = new ReportCrossValidation(5, 42, [0.81, 0.79, 0.83, 0.8, 0.82], 0.81, 0.0158);
        var external = new ReportExternalValidation("Hospital <B>", new DateTimeOffset(2026, 11, 26, 8, 30, 0, TimeSpan.Zero),
            1234, 87, 0.7712, 0.7301, 0.8123, 0.912, -0.05, 0.061, 0.2213);
        var with = ReportFixture.Build(crossValidation: cv, externalValidations: [external]).Report.ToHtml();

        Assert.Contains("External validation: not performed.", none);
        Assert.Contains("no cross-validation was run", none);
        Assert.DoesNotContain("not performed", with);
        Assert.Contains("5-fold cross-validation", with);
        Assert.Contains("mean 0.8100, sd 0.0158 over folds", with);
        Assert.Contains("per fold 0.8100, 0.7900, 0.8300, 0.8000, 0.8200", with);
        Assert.Contains("<td>Hospital &lt;B&gt;</td><td>2026-11-26 08:30</td><td>1,234</td><td>87</td><td>0.7712 (0.7301 to 0.8123)</td><td>0.912</td><td>-0.050</td>", with);
        // Both sit inside the performance section.
        int section = with.IndexOf("<section id=\"performance\">", StringComparison.Ordinal);
        int next = with.IndexOf("<section", section + 1, StringComparison.Ordinal);
        int at = with.IndexOf("Hospital &lt;B&gt;", StringComparison.Ordinal);
        Assert.InRange(at, section, next);
    }
}
