using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>A biomarker's risk curve seen separately in treated and untreated patients, for plotting.</summary>
public sealed record StratifiedShape(
    string Feature,
    double[] GroupLow,
    double[] GroupHigh,
    double[] X,
    double[] ModelScore,
    IReadOnlyList<StratumCurve> Strata);

/// <summary>
/// One stratum's curve: in each group of the biomarker, the log-odds shift that fits this stratum's outcomes with
/// every other term held as the model has it (NaN where the stratum has too few patients).
/// </summary>
public sealed record StratumCurve(string Label, int Rows, double[] Score, double[] StandardError, double[] Samples);

/// <summary>The treatment-aware view: stratified shapes for every numeric main effect.</summary>
public sealed record TreatmentView(string TreatmentColumn, IReadOnlyList<StratifiedShape> Shapes);

/// <summary>
/// Builds the treated/untreated view from the data directly (no refit): for each group of equal sample weight along
/// the biomarker and each stratum, a one-parameter GLM with the rest of the model as offset gives the partial
/// log-odds and its standard error. Where treatment is given above or below a cut-off, the strata's curves part.
/// </summary>
public static class TreatmentStratifiedView
{
    public static TreatmentView? Compute(GoodhartContext context, int groups = 12, CancellationToken cancellationToken = default)
    {
        string? column = context.Options.TreatmentColumn;
        if (column is null || context.Data is null) return null;
        var data = context.Data;
        var model = context.Model;
        double[] treated = OffsetGlm.Numbers(data, column);
        double[] y = OffsetGlm.Outcome(data, model.Info.Outcome);
        double[] weight = OffsetGlm.Weights(data, model.Info.WeightColumn);
        var contributions = model.Contributions(data, cancellationToken);
        var cells = model.CellIndices(data, cancellationToken);
        var eta = new double[data.RowCount];
        Array.Fill(eta, model.Intercept);
        foreach (var c in contributions) for (int i = 0; i < eta.Length; i++) eta[i] += c[i];

        var shapes = new List<StratifiedShape>();
        for (int t = 0; t < model.Terms.Count; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var curve = ShapeCurve.TryCreate(model.Terms[t], requireBags: false);
            if (curve is null) continue;
            // Equal-weight groups of bins (bin i of the curve is model bin i + 1).
            var groupOfBin = new int[curve.Count + 1];
            groupOfBin[0] = -1;
            double total = curve.TotalWeight, cum = 0;
            var low = new List<double>(); var high = new List<double>(); var modelScore = new List<double>(); var wsum = new List<double>();
            int g = -1;
            for (int i = 0; i < curve.Count; i++)
            {
                if (g < 0 || (cum >= total * (g + 1) / groups && g < groups - 1))
                {
                    g++; low.Add(curve.Lower[i]); high.Add(curve.Upper[i]); modelScore.Add(0); wsum.Add(0);
                }
                groupOfBin[i + 1] = g;
                high[g] = curve.Upper[i];
                modelScore[g] += curve.Weight[i] * curve.Mean[i];
                wsum[g] += curve.Weight[i];
                cum += curve.Weight[i];
            }
            int n = g + 1;
            for (int k = 0; k < n; k++) modelScore[k] /= Math.Max(wsum[k], 1e-300);

            var strata = new List<StratumCurve>();
            foreach (var (label, value) in new[] { ("untreated", 0.0), ("treated", 1.0) })
            {
                var rowsByGroup = new List<int>[n];
                for (int k = 0; k < n; k++) rowsByGroup[k] = [];
                int rows = 0;
                for (int i = 0; i < data.RowCount; i++)
                {
                    if (treated[i] != value || double.IsNaN(y[i])) continue;
                    int grp = groupOfBin[cells[t][i]];
                    if (grp < 0) continue;
                    rowsByGroup[grp].Add(i);
                    rows++;
                }
                var score = new double[n]; var se = new double[n]; var samples = new double[n];
                var offset = new double[data.RowCount];
                for (int i = 0; i < offset.Length; i++) offset[i] = eta[i] - contributions[t][i];
                var ones = new double[data.RowCount];
                Array.Fill(ones, 1.0);
                for (int k = 0; k < n; k++)
                {
                    samples[k] = rowsByGroup[k].Count;
                    score[k] = se[k] = double.NaN;
                    if (rowsByGroup[k].Count < context.Options.MinimumSideSamples) continue;
                    var fit = OffsetGlm.Fit(model.Info.Objective, y, offset, [ones], rowsByGroup[k].ToArray(), [modelScore[k]], weight);
                    if (fit is null) continue;
                    score[k] = fit.Value.Beta[0];
                    se[k] = Math.Sqrt(fit.Value.Covariance[0, 0]);
                }
                strata.Add(new StratumCurve(label, rows, score, se, samples));
            }
            var x = low.Zip(high, (a, b) => (a + b) / 2).ToArray();
            shapes.Add(new StratifiedShape(curve.Feature, low.ToArray(), high.ToArray(), x, modelScore.ToArray(), strata));
        }
        return new TreatmentView(column, shapes);
    }
}
