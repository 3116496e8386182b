using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ClinicalGAM.Core.Diagnostics.Goodhart;
using ClinicalGAM.Reporting.Report;

namespace ClinicalGAM.Reporting.Tests.Report;

public class ModelReportTests
{
    [Fact]
    public void Html_has_every_tripod_section_in_order()
    {
        var html = ReportFixture.Build().Report.ToHtml();
        int last = -1;
        foreach (var (id, title) in ModelReportHtml.Sections)
        {
            int at = html.IndexOf($"<section id=\"{id}\"><h2>{title}</h2>", StringComparison.Ordinal);
            Assert.True(at > last, $"section '{title}' missing or out of order");
            last = at;
        }
    }

    [Fact]
    public void Auc_is_computed_on_the_evaluation_rows_only()
    {
        var (report, labels, risk, split) = ReportFixture.Build();
        // Independent check: the share of (event, non-event) pairs ranked correctly, ties counting half.
        var pos = split.Test.Where(i => labels[i] == 1).Select(i => risk[i]).ToArray();
        var neg = split.Test.Where(i => labels[i] == 0).Select(i => risk[i]).ToArray();
        double concordant = pos.Sum(p => neg.Sum(n => p > n ? 1.0 : p == n ? 0.5 : 0));
        double expected = concordant / ((double)pos.Length * neg.Length);

        var performance = report.Performance!;
        Assert.Equal(split.Test.Length, performance.Rows);
        Assert.Equal(expected, performance.Auc.Auc, 12);
        Assert.True(performance.Auc.Lower < expected && expected < performance.Auc.Upper);
        Assert.Contains($"<td>{expected.ToString("F4", CultureInfo.InvariantCulture)}</td>", report.ToHtml());
    }

    [Fact]
    public void One_svg_figure_per_term_in_importance_order()
    {
        var report = ReportFixture.Build().Report;
        var html = report.ToHtml();
        var figures = Regex.Matches(html, "<figure class=\"term\" id=\"term-\\d+\"><img alt=\"([^\"]*)\" src=\"data:image/svg\\+xml;base64,([^\"]+)\">");
        Assert.Equal(report.Model.Terms.Count, figures.Count);
        var expectedOrder = report.Model.Terms.OrderByDescending(t => t.Importance()).Select(t => t.Name).ToList();
        for (int k = 0; k < figures.Count; k++)
        {
            Assert.StartsWith($"{k + 1}. {expectedOrder[k]} ", System.Net.WebUtility.HtmlDecode(figures[k].Groups[1].Value));
            var svg = XDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(figures[k].Groups[2].Value)));
            Assert.Equal("svg", svg.Root!.Name.LocalName);
        }
    }

    [Fact]
    public void Report_is_self_contained()
    {
        var html = ReportFixture.Build().Report.ToHtml();
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        foreach (Match src in Regex.Matches(html, "src=\"([^\"]*)\"")) Assert.StartsWith("data:image/", src.Groups[1].Value);
        Assert.Contains("@media print", html);
    }

    [Fact]
    public void User_supplied_names_and_labels_are_html_encoded()
    {
        const string evil = "<script>alert(1)</script>";
        var dictionary = new Dictionary<string, ColumnDescription> { ["hb"] = new("<b>Hb</b>", "g/dL & more") };
        var html = ReportFixture.Build(evil, dictionary: dictionary).Report.ToHtml();
        Assert.DoesNotContain(evil, html);
        Assert.DoesNotContain("<b>Hb</b>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("&lt;b&gt;Hb&lt;/b&gt;", html);
        Assert.Contains("g/dL &amp; more", html);
    }

    [Fact]
    public void Reports_sample_size_time_span_missing_data_and_how_rows_were_chosen()
    {
        var (report, labels, _, split) = ReportFixture.Build();
        var html = report.ToHtml();
        Assert.Equal(split.Train.Length, report.SampleSize.TrainingRows);
        Assert.Equal(split.Train.Sum(i => labels[i]), report.SampleSize.TrainingEvents);
        Assert.Equal(split.Test.Sum(i => labels[i]), report.SampleSize.EvaluationEvents);
        Assert.Contains("2012 to 2023", html);
        Assert.Contains(ReportFixture.EvaluationText, html);
        var hb = report.Predictors.Single(p => p.Name == "hb");
        Assert.Equal(Enumerable.Range(0, 3000).Count(i => i % 17 == 0), hb.Missing);
        Assert.Equal(split.Test.Count(i => i % 17 == 0), hb.MissingEvaluation);
    }

    [Fact]
    public void Subgroups_cover_the_evaluation_rows_of_each_categorical_column()
    {
        var (report, _, _, split) = ReportFixture.Build();
        var mode = report.Subgroups.Single(s => s.Column == "mode");
        Assert.Equal(["caesarean", "vaginal"], mode.Rows.Select(r => r.Level).Order());
        Assert.Equal(split.Test.Length, mode.Rows.Sum(r => r.Count));
        Assert.DoesNotContain(report.Subgroups, s => s.Column == "smm");
    }

    [Fact]
    public void Goodhart_flags_come_with_their_plain_language_explanation()
    {
        var flag = new GoodhartFlag
        {
            Feature = "hb", Kind = GoodhartKind.Threshold, At = 7, Effect = -0.4, EffectLow = -0.6, EffectHigh = -0.2, Z = -3.9,
            P = 1e-4, Message = "Risk drops just below Hb 7 <g/dL>, against the trend: transfusion at 7.",
        };
        var html = ReportFixture.Build(flags: [flag]).Report.ToHtml();
        Assert.Contains("reflects care given, not underlying risk: do not use it to withhold treatment", html);
        Assert.Contains("Risk drops just below Hb 7 &lt;g/dL&gt;", html);
        Assert.Contains("jump at a threshold", html);

        var notRun = ReportFixture.Build(flags: null).Report.ToHtml();
        Assert.Contains("The Goodhart drift analysis was not run", notRun);
    }
}

public class ModelReportPeriodTests
{
    [Fact]
    public void Temporal_flag_gets_a_per_period_overlay_in_the_flags_section()
    {
        double[] x = [100, 200, 300];
        var flag = new GoodhartFlag
        {
            Feature = "platelets", Kind = GoodhartKind.Temporal, At = 2018, Effect = 0.5, EffectLow = 0.2, EffectHigh = 0.8,
            Z = 3.3, P = 1e-3, Message = "Platelets' effect fades from 2018.",
            Periods =
            [
                new PeriodCurve("2012-2017", 2012, 2017, 900, x, [0.4, 0, -0.4], [0.05, 0.05, 0.05], 0.3),
                new PeriodCurve("2018-2023", 2018, 2023, 800, x, [0.05, 0, -0.05], [0.05, 0.05, 0.05], 0.03),
            ],
        };
        var report = ReportFixture.Build(flags: [flag]).Report;
        var overlay = Assert.Single(report.PeriodPlots);
        Assert.Contains("2012-2017 (n = 900)", overlay.Svg.Text);
        Assert.Contains("2018-2023 (n = 800)", overlay.Svg.Text);
        var html = report.ToHtml();
        int flags = html.IndexOf("<section id=\"flags\">", StringComparison.Ordinal);
        int figure = html.IndexOf("platelets: the shape function fitted separately per period", StringComparison.Ordinal);
        Assert.True(figure > flags && figure < html.IndexOf("<section id=\"limitations\">", StringComparison.Ordinal));
    }
}
