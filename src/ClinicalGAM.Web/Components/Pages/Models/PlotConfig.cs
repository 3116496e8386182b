using System.Text;

namespace ClinicalGAM.Web.Components.Pages.Models;

internal static class PlotConfig
{
    /// <summary>Plot toolbar without the Plotly logo or cloud links (the app is offline).</summary>
    public static Plotly.Blazor.Config Default => new()
    {
        Responsive = true, DisplayLogo = false, ShowLink = false, ShowSendToCloud = false, ShowEditInChartStudio = false,
    };

    /// <summary>The chart element's CSS height, matching the figure (the default div is taller than short figures).</summary>
    public static string HeightStyle(PlotFigure figure) => $"height:{figure.Layout.Height ?? 340}px";

    /// <summary>A term name as an HTML id fragment ("age x bmi" becomes "age-x-bmi").</summary>
    public static string Slug(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name) sb.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        return sb.ToString();
    }
}
