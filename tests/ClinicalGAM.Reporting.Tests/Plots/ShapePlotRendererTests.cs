using System.Buffers.Binary;
using System.Xml.Linq;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Reporting.Plots;

namespace ClinicalGAM.Reporting.Tests.Plots;

public class ShapePlotRendererTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly ShapePlotRenderer _renderer = new();

    private static XDocument Parse(PlotImage image)
    {
        Assert.Equal(PlotFormat.Svg, image.Format);
        return XDocument.Parse(image.Text);
    }

    private static List<string> Texts(XDocument svg) =>
        svg.Descendants(Svg + "text").Select(t => t.Value.Trim()).ToList();

    [Fact]
    public void Continuous_term_is_valid_svg_with_band_legend_missing_point_and_one_bar_per_histogram_slot()
    {
        var term = TestModels.Model().Term("hb")!;
        var svg = Parse(_renderer.Term(term));

        Assert.Equal(Svg + "svg", svg.Root!.Name);
        var texts = Texts(svg);
        Assert.Contains("±1 sd across bags", texts);
        Assert.Contains("missing (n = 10)", texts);
        Assert.Contains("score (log-odds)", texts);
        // Training data cover hb 4..16 everywhere, so every histogram slot has a bar, plus the legend swatch.
        int histogramShapes = svg.Descendants().Count(e => (string?)e.Attribute("fill") == "#7F7F7F");
        Assert.Equal(ShapePlots.HistogramBars + 1, histogramShapes);
    }

    [Fact]
    public void Continuous_term_without_missing_values_has_no_missing_point()
    {
        var hb = TestModels.Model().Term("hb")!;
        var complete = new GamTerm("hb", hb.Binnings, hb.Scores, hb.StandardDeviations, [0, 40, 150, 400, 400]);
        var texts = Texts(Parse(_renderer.Term(complete)));
        Assert.DoesNotContain(texts, t => t.StartsWith("missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Axis_title_uses_the_data_dictionary_label_and_unit()
    {
        var term = TestModels.Model().Term("hb")!;
        var dictionary = new Dictionary<string, ColumnDescription> { ["hb"] = new("Haemoglobin", "g/dL") };
        Assert.Contains("Haemoglobin (g/dL)", Texts(Parse(_renderer.Term(term, dictionary: dictionary))));
    }

    [Fact]
    public void Categorical_term_labels_each_level_once_and_shows_missing_only_when_seen()
    {
        var mode = TestModels.Model().Term("mode")!;
        var texts = Texts(Parse(_renderer.Term(mode)));
        Assert.Equal(1, texts.Count(t => t == "caesarean"));
        Assert.Equal(1, texts.Count(t => t == "vaginal"));
        Assert.DoesNotContain("missing", texts);

        var withMissing = new GamTerm("mode", mode.Binnings, mode.Scores, mode.StandardDeviations, [25, 300, 700, 0]);
        Assert.Contains("missing", Texts(Parse(_renderer.Term(withMissing))));
    }

    [Fact]
    public void Interaction_is_a_heatmap_with_one_pixel_per_cell_and_a_colour_bar()
    {
        var pair = TestModels.Model().Terms.Single(t => t.IsInteraction);
        var images = Parse(_renderer.Term(pair)).Descendants(Svg + "image").ToList();
        Assert.Equal(2, images.Count);
        // hb has 4 value bins (rows), mode 3 (two levels and unseen; missing is left out).
        Assert.Contains(images, i => (string?)i.Attribute("width") == "3" && (string?)i.Attribute("height") == "4");
        Assert.All(images, i => Assert.Contains("pixelated", (string?)i.Attribute("style")));
    }

    [Fact]
    public void User_text_in_a_plot_is_escaped_by_the_xml_writer()
    {
        var model = TestModels.Model("<script>alert(1)</script>");
        var image = _renderer.Term(model.Term("<script>alert(1)</script>")!);
        Assert.DoesNotContain("<script>", image.Text);
        Assert.Contains("<script>alert(1)</script>", Texts(Parse(image)));
    }

    [Fact]
    public void Png_has_the_requested_size()
    {
        var png = _renderer.Term(TestModels.Model().Term("hb")!, PlotFormat.Png).Bytes;
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Equal(_renderer.Width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(_renderer.Height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    [Fact]
    public void Importance_chart_labels_every_term()
    {
        var model = TestModels.Model();
        var texts = Texts(Parse(_renderer.Importances(model)));
        foreach (var term in model.Terms) Assert.Contains(term.Name, texts);
    }
}

public class ShapePlotFlagTests
{
    [Fact]
    public void Threshold_flag_of_the_biomarker_is_marked_on_its_curve_only()
    {
        var model = TestModels.Model();
        var flag = new ClinicalGAM.Core.Diagnostics.Goodhart.GoodhartFlag
        {
            Feature = "hb", Kind = ClinicalGAM.Core.Diagnostics.Goodhart.GoodhartKind.Threshold, At = 7, Effect = -0.4,
            EffectLow = -0.6, EffectHigh = -0.2, Z = -3.9, P = 1e-4, Message = "m",
        };
        var renderer = new ShapePlotRenderer();
        Assert.Contains("Goodhart flag: jump at 7", renderer.Term(model.Term("hb")!, flags: [flag]).Text);
        Assert.DoesNotContain("Goodhart flag", renderer.Term(model.Term("hb")!).Text);
        Assert.DoesNotContain("Goodhart flag", renderer.Term(model.Term("mode")!, flags: [flag]).Text);
    }
}
