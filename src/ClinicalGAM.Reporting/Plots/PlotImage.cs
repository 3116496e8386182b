using System.Text;

namespace ClinicalGAM.Reporting.Plots;

public enum PlotFormat
{
    Svg,
    Png,
}

/// <summary>A rendered plot: SVG text (UTF-8) or PNG bytes, ready to download or embed.</summary>
public sealed record PlotImage(byte[] Bytes, PlotFormat Format)
{
    public string ContentType => Format == PlotFormat.Svg ? "image/svg+xml" : "image/png";
    public string FileExtension => Format == PlotFormat.Svg ? ".svg" : ".png";

    /// <summary>The SVG document as text (only for SVG).</summary>
    public string Text => Format == PlotFormat.Svg
        ? Encoding.UTF8.GetString(Bytes)
        : throw new InvalidOperationException("A PNG plot has no text form.");

    /// <summary>A data: URI (PNG) for an img element.</summary>
    public string DataUri => $"data:{ContentType};base64,{Convert.ToBase64String(Bytes)}";
}
