using Plotly.Blazor.LayoutLib;

namespace ClinicalGAM.Web.Components.Pages.Models;

/// <summary>Shared Plotly layouts: transparent background, theme ink, small margins.</summary>
internal static class PlotLayouts
{
    /// <summary>Score panel on top, density histogram (yaxis2) underneath, sharing the x axis.</summary>
    public static Plotly.Blazor.Layout WithDensity(string title, PlotStyle style)
    {
        var layout = Basic(title, style, style.AxisLabel ?? title, style.YTitle);
        layout.XAxis[0].Anchor = "y2";
        layout.YAxis[0].Domain = [0.3, 1.0];
        if (style.OddsRatio) layout.YAxis[0].Type = Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Log;
        layout.YAxis.Add(new YAxis
        {
            Domain = [0.0, 0.2], Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = "n" },
            GridColor = style.Grid, Color = style.Ink, NTicks = 2,
        });
        layout.BarMode = Plotly.Blazor.LayoutLib.BarModeEnum.Overlay;
        return layout;
    }

    public static Plotly.Blazor.Layout Basic(string title, PlotStyle style, string xTitle, string yTitle) => new()
    {
        Height = style.Height,
        Margin = new Margin { L = 60, R = 10, T = 30, B = 50 },
        PaperBgColor = "rgba(0,0,0,0)",
        PlotBgColor = "rgba(0,0,0,0)",
        Font = new Font { Color = style.Ink, Family = "system-ui, DejaVu Sans, sans-serif" },
        ShowLegend = true,
        Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = 1.12m, X = 0 }],
        XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = xTitle }, GridColor = style.Grid, Color = style.Ink }],
        YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = yTitle }, GridColor = style.Grid, Color = style.Ink, ZeroLineColor = style.Grid }],
    };
}
