using Plotly.Blazor;

namespace ClinicalGAM.Web.Components.Pages.Models;

/// <summary>A Plotly figure: traces plus layout, built in C# so it can be unit-tested without a browser.</summary>
public sealed record PlotFigure(IList<ITrace> Data, Plotly.Blazor.Layout Layout);

/// <summary>How to draw a figure: y scale, colours and axis label.</summary>
public sealed record PlotStyle
{
    /// <summary>Show exp(score) (odds ratio, log axis) instead of the log-odds score.</summary>
    public bool OddsRatio { get; init; }
    public bool Dark { get; init; }
    /// <summary>X axis label (data dictionary label and unit when known); null uses the feature name.</summary>
    public string? AxisLabel { get; init; }
    public int Height { get; init; } = 340;

    public string Ink => Dark ? "#e0e0e0" : "#333333";
    public string Grid => Dark ? "rgba(255,255,255,0.12)" : "rgba(0,0,0,0.08)";
    public string Accent => Dark ? "#90caf9" : "#1565c0";
    public string BandFill => Dark ? "rgba(144,202,249,0.25)" : "rgba(21,101,192,0.18)";
    public string DensityFill => Dark ? "rgba(200,200,200,0.35)" : "rgba(120,120,120,0.35)";
    public string YTitle => OddsRatio ? "odds ratio" : "log-odds contribution";
    public double Y(double score) => OddsRatio ? Math.Exp(score) : score;
}
