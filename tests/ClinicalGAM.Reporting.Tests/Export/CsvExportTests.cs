using System.Text;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Reporting.Export;

namespace ClinicalGAM.Reporting.Tests.Export;

public class CsvExportTests
{
    private static string Shapes(GamModel model)
    {
        var writer = new StringWriter { NewLine = "\n" };
        CsvExport.WriteShapes(model, writer);
        return writer.ToString();
    }

    [Fact]
    public void Shapes_have_one_row_per_cell_with_labels_edges_scores_sd_and_n()
    {
        var model = TestModels.Model();
        var lines = Shapes(model).TrimEnd('\n').Split('\n');
        Assert.Equal(string.Join(',', CsvExport.ShapeColumns), lines[0]);
        Assert.Equal(1 + model.Terms.Sum(t => t.Scores.Length), lines.Length);
        Assert.Contains("hb,hb,missing,,,,,,,0.3,0.1,10", lines);
        Assert.Contains("hb,hb,\"[7, 9)\",7,9,,,,,0.5,0.1,150", lines);
        Assert.Contains("mode,mode,vaginal,,,,,,,-0.2,0.01,700", lines);
        // Interaction cell (hb bin 2, mode bin 1) = index 9.
        var pair = model.Terms.Single(t => t.IsInteraction);
        Assert.Contains($"hb & mode,hb,\"[7, 9)\",7,9,mode,caesarean,,,{CsvCells.Number(pair.Scores[9])},0.01,50", lines);
    }

    [Fact]
    public void Formula_like_levels_and_names_are_escaped_in_shapes()
    {
        var binning = new FeatureBinning { Feature = "=cmd", Kind = BinningKind.Nominal, Levels = ["@evil", "+ok"] };
        var term = new GamTerm("=cmd", [binning], [0, 0.1, -0.1, 0], [0, 0, 0, 0], [0, 5, 5, 0]);
        var model = new GamModel(new ModelInfo { Outcome = "y", Features = ["=cmd"] }, 0, [term]);
        var lines = Shapes(model).Split('\n');
        Assert.Contains("'=cmd,'=cmd,'@evil,,,,,,,0.1,0,5", lines);
        Assert.Contains("'=cmd,'=cmd,'+ok,,,,,,,-0.1,0,5", lines);
    }

    [Fact]
    public void Scored_cohort_reads_back_with_the_models_risk_and_contributions()
    {
        var model = TestModels.Model();
        var cohort = TestModels.Cohort(model, 200, seed: 9)
            .With(new CategoricalColumn("predicted_risk", new int[200], ["=1+1"]));
        using var stream = new MemoryStream();
        CsvExport.WriteScoredCohort(cohort, model, stream, contributions: true);
        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.StartsWith("hb,mode,smm,delivery_year,predicted_risk,linear_predictor,predicted_risk_2,contribution: hb,", text);
        Assert.Contains(",'=1+1,", text);

        // No cell here holds a comma, so a plain split reads it back (the reader would guess kinds from few values).
        var lines = text.TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        Assert.Equal(201, lines.Length);
        var risk = model.Predict(cohort);
        var eta = model.LinearPredictor(cohort);
        double Cell(int row, string column) =>
            double.Parse(lines[row + 1].Split(',')[Array.IndexOf(header, column)], System.Globalization.CultureInfo.InvariantCulture);
        for (int i = 0; i < 200; i++)
        {
            Assert.Equal(risk[i], Cell(i, "predicted_risk_2"));
            Assert.Equal(eta[i], Cell(i, "linear_predictor"));
            double sum = model.Intercept + model.Terms.Sum(t => Cell(i, "contribution: " + t.Name));
            Assert.Equal(eta[i], sum, 12);
        }
    }
}
