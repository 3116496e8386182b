using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>
/// The cohort seen from one numeric term: rows grouped by the term's bin (so a window of bins is a contiguous run),
/// each with its raw value, outcome, and the rest of the model's linear predictor (the offset a local test holds fixed).
/// </summary>
internal sealed class TermRows
{
    private TermRows(int[] binStart, double[] value, double[] outcome, double[] offset, double[] weight, double[] score)
    {
        Score = score;
        BinStart = binStart;
        Value = value;
        Outcome = outcome;
        Offset = offset;
        Weight = weight;
    }

    /// <summary>Rows of model bin b are [BinStart[b], BinStart[b + 1]).</summary>
    public int[] BinStart { get; }
    public double[] Value { get; }
    public double[] Outcome { get; }
    public double[] Offset { get; }
    /// <summary>Row weight (the model's weight column; 1 without one).</summary>
    public double[] Weight { get; }
    /// <summary>The term's own score for the row (offset + score is the model's linear predictor).</summary>
    public double[] Score { get; }

    /// <summary>Rows of the non-missing bins, curve bin i being model bin i + 1.</summary>
    public (int Start, int End) RowsOfCurveBins(int first, int last) => (BinStart[first + 1], BinStart[last + 2]);

    /// <summary>The model's linear predictor and outcome for the rows with an observed outcome.</summary>
    public sealed record Shared(double[] Eta, double[] Outcome, double[] Weight, int[][] Cells, double[][] Contributions);

    public static Shared? Prepare(GamModel model, CohortTable? data, CancellationToken cancellationToken)
    {
        if (data is null || data.Find(model.Info.Outcome) is null) return null;
        var y = OffsetGlm.Outcome(data, model.Info.Outcome);
        var cells = model.CellIndices(data, cancellationToken);
        var contributions = new double[model.Terms.Count][];
        var eta = new double[data.RowCount];
        Array.Fill(eta, model.Intercept);
        for (int t = 0; t < model.Terms.Count; t++)
        {
            var scores = model.Terms[t].Scores;
            var c = cells[t];
            var r = new double[c.Length];
            for (int i = 0; i < r.Length; i++) { r[i] = scores[c[i]]; eta[i] += r[i]; }
            contributions[t] = r;
        }
        return new Shared(eta, y, OffsetGlm.Weights(data, model.Info.WeightColumn), cells, contributions);
    }

    public static TermRows? Create(Shared shared, int termIndex, GamTerm term, CohortTable data)
    {
        if (data.Find(term.Binnings[0].Feature) is not NumericColumn column) return null;
        var cells = shared.Cells[termIndex];
        int bins = term.Binnings[0].BinCount;
        var start = new int[bins + 1];
        int n = 0;
        for (int i = 0; i < cells.Length; i++) if (!double.IsNaN(shared.Outcome[i])) { start[cells[i] + 1]++; n++; }
        for (int b = 0; b < bins; b++) start[b + 1] += start[b];
        var fill = (int[])start.Clone();
        var value = new double[n];
        var outcome = new double[n];
        var offset = new double[n];
        var weight = new double[n];
        var score = new double[n];
        var f = shared.Contributions[termIndex];
        for (int i = 0; i < cells.Length; i++)
        {
            if (double.IsNaN(shared.Outcome[i])) continue;
            int at = fill[cells[i]]++;
            value[at] = column[i];
            outcome[at] = shared.Outcome[i];
            offset[at] = shared.Eta[i] - f[i];
            weight[at] = shared.Weight[i];
            score[at] = f[i];
        }
        return new TermRows(start, value, outcome, offset, weight, score);
    }
}
