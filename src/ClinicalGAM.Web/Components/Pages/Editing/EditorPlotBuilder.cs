using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Web.Components.Pages.Models;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace ClinicalGAM.Web.Components.Pages.Editing;

/// <summary>
/// The editor's view of a term: the usual shape plot of the current model, plus the shape as fitted (dashed grey)
/// once it differs, and one marker per bin that can be dragged over to select bins. Edited bins are marked orange
/// with "edited" in their hover, so nobody takes an edit for data; selected bins are red.
/// </summary>
public static class EditorPlotBuilder
{
    public const string BinsName = "bins (drag to select)";
    public const string FittedName = "as fitted";
    public const string EditedColour = "#ef6c00", SelectedColour = "#c62828";

    public const string EditedName = "edited bins (not data)";

    /// <param name="selectable">False on read-only pages: only the edited bins get markers and dragging zooms as usual.</param>
    public static PlotFigure Build(GamTerm current, GamTerm? fitted, IReadOnlySet<int> edited, IReadOnlySet<int> selected, PlotStyle style,
        bool selectable = true)
    {
        var figure = ShapePlotBuilder.Build(current, style);
        if (current.IsInteraction || current.Binnings[0].Kind != BinningKind.Continuous)
        {
            figure.Layout.Title = new Plotly.Blazor.LayoutLib.Title { Text = edited.Count > 0 ? $"{current.Name} · {edited.Count} edited cells" : current.Name };
            return figure;
        }
        var binning = current.Binnings[0];
        var edges = ShapePlotBuilder.Edges(binning);
        int n = edges.Length - 1;
        var bins = Enumerable.Range(1, n).Where(b => selectable || edited.Contains(b)).ToArray();
        var mid = bins.Select(b => (edges[b - 1] + edges[b]) / 2).ToArray();
        if (bins.Length == 0) return figure;
        if (fitted is not null && !fitted.Scores.AsSpan().SequenceEqual(current.Scores))
        {
            figure.Data.Insert(0, new Scatter
            {
                Name = FittedName, X = edges.Cast<object>().ToArray(),
                Y = Enumerable.Range(0, n + 1).Select(i => (object)style.Y(fitted.Scores[1 + Math.Min(i, n - 1)])).ToArray(),
                Mode = ModeFlag.Lines, HoverInfo = HoverInfoFlag.Skip,
                Line = new Line { Shape = Plotly.Blazor.Traces.ScatterLib.LineLib.ShapeEnum.Hv, Color = "#9e9e9e", Dash = "dash", Width = 1.5m },
            });
        }
        figure.Data.Add(new Scatter
        {
            Name = selectable ? BinsName : EditedName, X = mid.Cast<object>().ToArray(), Y = bins.Select(b => (object)style.Y(current.Scores[b])).ToArray(),
            Mode = ModeFlag.Markers,
            TextArray = bins.Select(b => $"bin {b}: {binning.BinLabel(b)}<br>score {ShapePlotBuilder.F(current.Scores[b])}" +
                (edited.Contains(b) ? "<br><b>edited</b> (not data)" : "") + $"<br>n = {current.BinWeights[b]:N0}").ToArray(),
            HoverTemplate = "%{text}<extra></extra>",
            Marker = new Marker
            {
                Size = 9,
                ColorArray = bins.Select(b => (object)(selected.Contains(b) ? SelectedColour : edited.Contains(b) ? EditedColour : "rgba(21,101,192,0.35)")).ToArray(),
            },
        });
        if (selectable)
        {
            figure.Layout.DragMode = Plotly.Blazor.LayoutLib.DragModeEnum.Select;
            figure.Layout.SelectDirection = Plotly.Blazor.LayoutLib.SelectDirectionEnum.H;
        }
        if (edited.Count > 0)
            figure.Layout.Title = new Plotly.Blazor.LayoutLib.Title { Text = $"{current.Name} · orange bins edited, band moved with them" };
        return figure;
    }

    /// <summary>The marker trace's index in the figure (selection events name points by trace and point index).</summary>
    public static int BinsTrace(PlotFigure figure) => figure.Data.ToList().FindIndex(t => t is Scatter { Name: BinsName });
}
