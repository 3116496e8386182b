using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace ClinicalGAM.Web.Components.Pages.Models;

/// <summary>A patient's explanation as a waterfall from the intercept, through each term, to the final log-odds.</summary>
public static class WaterfallPlot
{
    /// <summary>Terms beyond this many (smallest contributions) are summed into one "other terms" step.</summary>
    public const int MaxSteps = 12;

    public static PlotFigure Build(PatientExplanation explanation, PlotStyle style)
    {
        var shown = explanation.Contributions.Take(MaxSteps).ToList();
        var rest = explanation.Contributions.Skip(MaxSteps).ToList();
        var labels = new List<object> { "intercept" };
        var values = new List<object> { explanation.Intercept };
        var measures = new List<object> { "absolute" };
        var hover = new List<string> { $"baseline log-odds {explanation.Intercept:0.###}" };
        foreach (var c in shown)
        {
            labels.Add($"{c.Term} = {c.Value}");
            values.Add(c.Contribution);
            measures.Add("relative");
            hover.Add($"{c.Term} = {c.Value}<br>{c.Contribution:+0.###;-0.###;0}");
        }
        if (rest.Count > 0)
        {
            labels.Add($"{rest.Count} other terms");
            values.Add(rest.Sum(c => c.Contribution));
            measures.Add("relative");
            hover.Add($"{rest.Count} smaller terms together");
        }
        labels.Add("log-odds");
        values.Add(0.0); // a "total" bar draws the running sum; its own value is ignored
        measures.Add("total");
        hover.Add($"log-odds {explanation.Logit:0.###} → risk {explanation.Risk:0.0%}");
        var trace = new Waterfall
        {
            Name = "contribution", Orientation = Plotly.Blazor.Traces.WaterfallLib.OrientationEnum.H,
            Y = labels, X = values, Measure = measures, TextArray = hover, HoverTemplate = "%{text}<extra></extra>",
            TextPosition = Plotly.Blazor.Traces.WaterfallLib.TextPositionEnum.None,
            Increasing = new Plotly.Blazor.Traces.WaterfallLib.Increasing { Marker = new() { Color = "#c62828" } },
            Decreasing = new Plotly.Blazor.Traces.WaterfallLib.Decreasing { Marker = new() { Color = "#2e7d32" } },
            Totals = new Plotly.Blazor.Traces.WaterfallLib.Totals { Marker = new() { Color = style.Accent } },
        };
        var layout = PlotLayouts.Basic("Explanation", style, "log-odds", "");
        layout.ShowLegend = false;
        layout.Height = 28 * labels.Count + 90;
        layout.Margin!.L = 260;
        layout.YAxis[0].AutoRange = Plotly.Blazor.LayoutLib.YAxisLib.AutoRangeEnum.Reversed;
        return new PlotFigure(new List<ITrace> { trace }, layout);
    }
}
