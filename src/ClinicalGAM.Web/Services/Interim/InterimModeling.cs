using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Web.Services.Interim;

/// <summary>
/// Temporary stand-ins for OutcomeValidator, CohortSplit, TrainerCatalog and BinaryMetrics until they are merged.
/// The "interim" trainer is a per-bin log-odds stand-in, not a GAM fit; it only keeps the pages exercisable.
/// </summary>
internal static class InterimModeling
{
    public static readonly string[] EngineNames = ["interim"];

    public static double[] Labels(CohortTable table, string outcome)
    {
        var column = table.Find(outcome) ?? throw new CohortFormatException("The outcome column does not exist.", null, outcome);
        var labels = new double[table.RowCount];
        for (int i = 0; i < labels.Length; i++)
        {
            var text = column.Format(i);
            labels[i] = text switch
            {
                "1" or "true" or "yes" => 1,
                "0" or "false" or "no" => 0,
                _ => throw new CohortFormatException($"Outcome must be 0/1 but is '{text}'.", i + 2, outcome),
            };
        }
        return labels;
    }

    public static (int[] Train, int[] Test) Split(double[] labels, double testFraction, int seed)
    {
        var rng = new Random(seed);
        var train = new List<int>();
        var test = new List<int>();
        foreach (var group in Enumerable.Range(0, labels.Length).GroupBy(i => labels[i]))
        {
            var rows = group.OrderBy(_ => rng.Next()).ToArray();
            int nTest = (int)Math.Round(rows.Length * testFraction);
            test.AddRange(rows.Take(nTest));
            train.AddRange(rows.Skip(nTest));
        }
        train.Sort(); test.Sort();
        return (train.ToArray(), test.ToArray());
    }

    public static IGamTrainer CreateTrainer(string engine) => new InterimTrainer();

    public static double Auc(ReadOnlySpan<double> y, ReadOnlySpan<double> p)
    {
        var pArr = p.ToArray();
        var order = Enumerable.Range(0, y.Length).OrderBy(i => pArr[i]).ToArray();
        double rankSum = 0, pos = 0;
        int r = 0;
        while (r < order.Length)
        {
            int s = r;
            while (r < order.Length && pArr[order[r]] == pArr[order[s]]) r++;
            double mid = (s + r + 1) / 2.0;
            for (int k = s; k < r; k++) if (y[order[k]] == 1) { rankSum += mid; pos++; }
        }
        double neg = y.Length - pos;
        return pos == 0 || neg == 0 ? double.NaN : (rankSum - pos * (pos + 1) / 2) / (pos * neg);
    }

    public static double LogLoss(ReadOnlySpan<double> y, ReadOnlySpan<double> p)
    {
        double s = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double q = Math.Clamp(p[i], 1e-15, 1 - 1e-15);
            s -= y[i] * Math.Log(q) + (1 - y[i]) * Math.Log(1 - q);
        }
        return s / y.Length;
    }

    public static double Brier(ReadOnlySpan<double> y, ReadOnlySpan<double> p)
    {
        double s = 0;
        for (int i = 0; i < y.Length; i++) s += (p[i] - y[i]) * (p[i] - y[i]);
        return s / y.Length;
    }

    private sealed class InterimTrainer : IGamTrainer
    {
        public string Name => "interim";

        public GamModel Fit(CohortTable cohort, ModelSpecification spec, int[] trainingRows,
            IProgress<FitProgress>? progress = null, CancellationToken ct = default)
        {
            var y = Labels(cohort, spec.Outcome);
            double rate = trainingRows.Average(i => y[i]);
            double intercept = Math.Log(rate / (1 - rate));
            var terms = new List<GamTerm>();
            int bags = spec.Bags ?? 3;
            for (int f = 0; f < spec.Features.Count; f++)
            {
                ct.ThrowIfCancellationRequested();
                var binning = BinningOf(cohort[spec.Features[f]], trainingRows);
                var bins = GamModel.BinColumn(binning, cohort);
                var bagScores = new double[bags][];
                var rng = new Random(spec.Seed + f);
                var weights = new double[binning.BinCount];
                foreach (var i in trainingRows) weights[bins[i]]++;
                for (int b = 0; b < bags; b++)
                {
                    var ev = new double[binning.BinCount];
                    var n = new double[binning.BinCount];
                    for (int k = 0; k < trainingRows.Length; k++)
                    {
                        int i = trainingRows[rng.Next(trainingRows.Length)];
                        n[bins[i]]++; ev[bins[i]] += y[i];
                    }
                    var s = new double[n.Length];
                    for (int c = 0; c < s.Length; c++)
                        s[c] = (Math.Log((ev[c] + rate * 20) / (n[c] - ev[c] + (1 - rate) * 20)) - intercept) / Math.Sqrt(spec.Features.Count);
                    double mean = Enumerable.Range(0, s.Length).Sum(c => s[c] * weights[c]) / weights.Sum();
                    bagScores[b] = s.Select(v => v - mean).ToArray();
                }
                var scores = Enumerable.Range(0, weights.Length).Select(c => bagScores.Average(s => s[c])).ToArray();
                var sd = Enumerable.Range(0, weights.Length).Select(c =>
                    Math.Sqrt(bagScores.Sum(s => (s[c] - scores[c]) * (s[c] - scores[c])) / Math.Max(1, bags - 1))).ToArray();
                terms.Add(new GamTerm(spec.Features[f], [binning], scores, sd, weights, bagScores));
                progress?.Report(new FitProgress("interim", (f + 1.0) / spec.Features.Count));
                Thread.Sleep(20);
            }
            var info = new ModelInfo { Engine = Name, Outcome = spec.Outcome, Seed = spec.Seed, Features = spec.Features.ToArray(), TrainingRows = trainingRows.Length };
            return new GamModel(info, intercept, terms);
        }

        private static FeatureBinning BinningOf(CohortColumn column, int[] rows)
        {
            if (column is CategoricalColumn cat)
                return new FeatureBinning { Feature = column.Name, Kind = BinningKind.Nominal, Levels = cat.Levels.ToArray() };
            var num = (NumericColumn)column;
            var values = rows.Select(i => num[i]).Where(v => !double.IsNaN(v)).Order().ToArray();
            var cuts = Enumerable.Range(1, 15).Select(q => values.Length == 0 ? 0 : values[q * (values.Length - 1) / 16]).Distinct().ToArray();
            return new FeatureBinning
            {
                Feature = column.Name, Kind = BinningKind.Continuous, Cuts = cuts,
                Min = values.Length > 0 ? values[0] : double.NaN, Max = values.Length > 0 ? values[^1] : double.NaN,
            };
        }
    }
}
