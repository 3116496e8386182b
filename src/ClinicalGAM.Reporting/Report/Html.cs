using System.Net;
using System.Text;

namespace ClinicalGAM.Reporting.Report;

/// <summary>A small HTML builder: every piece of text goes through <see cref="Encode"/>; markup is only ours.</summary>
internal sealed class Html
{
    private readonly StringBuilder _text = new();

    /// <summary>HTML-encodes user text (column names, levels, labels, file names): &lt; &gt; &amp; " ' all escaped.</summary>
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    public Html Raw(string markup)
    {
        _text.Append(markup);
        return this;
    }

    public Html Text(string? text)
    {
        _text.Append(Encode(text));
        return this;
    }

    public Html Element(string tag, string? text, string? cssClass = null)
    {
        _text.Append('<').Append(tag);
        if (cssClass is not null) _text.Append(" class=\"").Append(cssClass).Append('"');
        _text.Append('>').Append(Encode(text)).Append("</").Append(tag).Append(">\n");
        return this;
    }

    public Html Paragraph(string? text) => Element("p", text);

    /// <summary>A table; header and cells are encoded text.</summary>
    public Html Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows, string? caption = null)
    {
        _text.Append("<table>");
        if (caption is not null) _text.Append("<caption>").Append(Encode(caption)).Append("</caption>");
        _text.Append("<thead><tr>");
        foreach (var h in header) _text.Append("<th>").Append(Encode(h)).Append("</th>");
        _text.Append("</tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            _text.Append("<tr>");
            foreach (var cell in row) _text.Append("<td>").Append(Encode(cell)).Append("</td>");
            _text.Append("</tr>\n");
        }
        _text.Append("</tbody></table>\n");
        return this;
    }

    /// <summary>Definition list of name/value pairs (encoded).</summary>
    public Html Facts(IEnumerable<(string Name, string? Value)> facts)
    {
        _text.Append("<dl class=\"facts\">");
        foreach (var (name, value) in facts)
            _text.Append("<dt>").Append(Encode(name)).Append("</dt><dd>").Append(Encode(value)).Append("</dd>");
        _text.Append("</dl>\n");
        return this;
    }

    /// <summary>An embedded image (data: URI, so the report needs no other file) with a caption.</summary>
    public Html Figure(Plots.PlotImage image, string caption, string cssClass, string? id = null)
    {
        _text.Append("<figure class=\"").Append(cssClass).Append('"');
        if (id is not null) _text.Append(" id=\"").Append(Encode(id)).Append('"');
        _text.Append("><img alt=\"").Append(Encode(caption)).Append("\" src=\"").Append(image.DataUri).Append("\">")
            .Append("<figcaption>").Append(Encode(caption)).Append("</figcaption></figure>\n");
        return this;
    }

    public override string ToString() => _text.ToString();
}
