using ClinicalGAM.Core.Diagnostics.Fairness;
using ClinicalGAM.Core.Diagnostics.MeasurementValue;
using ClinicalGAM.Reporting.Report;

namespace ClinicalGAM.Reporting.Tests.Report;

/// <summary>Measurement value, fairness and the audit trail in the report: shown when run, said to be absent otherwise.</summary>
public class AnalysisSectionsTests
{
    private static ModelReport WithAnalyses(ModelReportInput input) => new ModelReportBuilder().Build(input);

    [Fact]
    public void Absent_analyses_are_named_as_not_run_and_a_report_outside_the_workbench_has_no_audit_trail()
    {
        string html = ReportFixture.Build().Report.ToHtml();
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(html, "Not run for this report").Count); // value and fairness
        Assert.Contains("Not available: this report was made outside the workbench", html);
    }

    [Fact]
    public void The_measurement_value_fairness_and_audit_sections_show_their_numbers()
    {
        var input = ReportFixture.Build().Report.Input;
        var d = new Difference(-0.0312, -0.041, -0.022);
        var value = new MeasurementValueReport("smm", 42, 3000, 1000, "2 bags, no pairs", 5, 0.81, 0.78, 0.84, 0.21,
            [new MeasurementWorth("hb", 12.5, 0.3, d, new Difference(0.01, 0.005, 0.02), d, d, new MissingnessValue(0.1, 0.05, 0.09, 0.4))],
            [new PanelPoint("forward", ["hb"], 12.5, 0.77, 0.74, 0.8)], [], new PanelPoint("forward", ["hb"], 12.5, 0.77, 0.74, 0.8), null, null);
        var group = new GroupMetrics("all", 1000, 0.05, 0.8, 0.77, 0.83, 1.0, 1.0, 0.1, 0.62, 0.08);
        var metrics = new FairnessMetricSet(group, [group], new Difference(0.042, 0.01, 0.07), new Difference(0.05, 0.02, 0.08));
        var curve = new TradeOffPoint(0.5, 0.04, 11, 0.79, 0.76, 0.82, new Difference(-0.011, -0.02, -0.004),
            new Difference(0.031, 0.01, 0.05), new Difference(0.06, 0.03, 0.09), new Difference(0.029, 0.01, 0.05), new Difference(0.06, 0.03, 0.09), 0.04);
        var fairness = new FairnessReport("smm", "race", 42, 0.1, 3000, 1000, "2 bags", "demographic parity", 10,
            [new StrategyResult("blinding", "replace by the population average", metrics, [new ShapeShift("insurance", 0.123)])],
            [curve], new ProxyReport("Black", 0.71, 0.68, 0.74, [new ProxyTerm("insurance", 0.2)]));
        var audit = new List<ReportAuditEntry> { new(new DateTimeOffset(2026, 12, 4, 6, 0, 0, TimeSpan.Zero), "ana", "this machine", "edit", "1 edit") };
        string html = WithAnalyses(input with { MeasurementValue = value, Fairness = fairness, AuditTrail = audit }).ToHtml();

        Assert.Contains("<td>hb</td><td>12.50</td>", html);
        Assert.Contains("-0.0312 (-0.0410 to -0.0220)", html);
        Assert.Contains("Cheapest panel reaching 95% of the full AUC: hb", html);
        Assert.Contains("<td>blinding</td>", html);
        Assert.Contains("0.042 (0.010 to 0.070)", html);
        Assert.Contains("insurance (0.123)", html);
        Assert.Contains("predict race = Black with AUC 0.710", html);
        Assert.Contains("5-fold cross-fitted on the training rows", html);
        Assert.Contains("exponentiated-gradient reduction for demographic parity (10 rounds)", html);
        Assert.Contains("<td>0.50</td><td>0.040</td><td>0.790 (0.760 to 0.820)</td><td>-0.011 (-0.020 to -0.004)</td><td>0.031 (0.010 to 0.050)</td>", html);
        Assert.Contains("<td>2026-12-04 06:00:00</td><td>ana</td><td>this machine</td><td>edit</td>", html);
    }
}
