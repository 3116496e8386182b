using System.Globalization;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Metrics;

namespace ClinicalGAM.Bench;

internal sealed record DatasetResult(string Dataset, string Engine, double[] Aucs, double[] FitSeconds, string? Error)
{
    public double MeanAuc => Aucs.Length == 0 ? double.NaN : Aucs.Average();
    public double SdAuc => Stats.SampleSd(Aucs);
    public double MeanSeconds => FitSeconds.Length == 0 ? double.NaN : FitSeconds.Average();
}

/// <summary>
/// The shared clinical datasets on their 5 given splits: each engine is fitted on the training rows with default
/// settings and scored on the test rows (ROC AUC); fit time is the wall time of the fit alone.
/// </summary>
internal static class DatasetBenchmark
{
    public static readonly string[] Datasets = ["pima", "breastcancer_wisc", "pbc", "flchain"];

    public static List<DatasetResult> Run(BenchOptions options, TextWriter log)
    {
        var results = new List<DatasetResult>();
        foreach (var name in options.Datasets)
        {
            var cohort = CohortCsvReader.Read(Path.Combine(options.DataDirectory, name + ".csv"));
            var outcome = cohort.Columns[0].Name;
            var features = cohort.Columns.Skip(1).Where(c => c.Kind != ColumnKind.Identifier).Select(c => c.Name).ToArray();
            var labels = OutcomeValidator.RequireBinary(cohort, outcome);
            var testMasks = ReadSplits(Path.Combine(options.DataDirectory, "splits", name + ".csv"), cohort.RowCount);
            foreach (var engine in options.Engines)
            {
                var aucs = new List<double>();
                var seconds = new List<double>();
                string? error = null;
                for (int seed = 0; seed < testMasks.Length; seed++)
                {
                    var train = Enumerable.Range(0, cohort.RowCount).Where(r => !testMasks[seed][r]).ToArray();
                    var test = Enumerable.Range(0, cohort.RowCount).Where(r => testMasks[seed][r]).ToArray();
                    try
                    {
                        // With --engine-seeds K the split's AUC is the mean over K engine seeds (split + 1000 k), so
                        // that comparisons between engine versions are not decided by one draw of bags and random cuts.
                        double aucSum = 0, secondsSum = 0;
                        for (int k = 0; k < options.EngineSeeds; k++)
                        {
                            int engineSeed = seed + 1000 * k;
                            var (scorer, s) = Engines.FitTimed(engine, cohort, outcome, features, train, engineSeed);
                            var p = scorer.Predict(cohort);
                            double auc = BinaryMetrics.RocAuc(test.Select(r => labels[r]).ToArray(), test.Select(r => p[r]).ToArray());
                            aucSum += auc;
                            secondsSum += s;
                            log.WriteLine($"{name,-18} {engine,-10} split {seed} seed {engineSeed}: AUC {auc:F4}  fit {s:F2} s");
                        }
                        aucs.Add(aucSum / options.EngineSeeds);
                        seconds.Add(secondsSum / options.EngineSeeds);
                    }
                    catch (Exception e) when (e is NotSupportedException or ArgumentException or InvalidOperationException)
                    {
                        error = e.Message;
                        log.WriteLine($"{name,-18} {engine,-10} split {seed}: FAILED {e.Message}");
                        break;
                    }
                }
                results.Add(new DatasetResult(name, engine, aucs.ToArray(), seconds.ToArray(), error));
            }
        }
        return results;
    }

    /// <summary>Reads splits/&lt;name&gt;.csv (row, seed0..seed4): true marks a test row.</summary>
    internal static bool[][] ReadSplits(string path, int rows)
    {
        var lines = File.ReadAllLines(path);
        int seeds = lines[0].Split(',').Length - 1;
        var masks = Enumerable.Range(0, seeds).Select(_ => new bool[rows]).ToArray();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var cells = lines[i].Split(',');
            int row = int.Parse(cells[0], CultureInfo.InvariantCulture);
            if (row >= rows) throw new InvalidDataException($"{path} line {i + 1}: row {row} beyond the {rows} data rows.");
            for (int s = 0; s < seeds; s++) masks[s][row] = cells[s + 1] == "1";
        }
        return masks;
    }
}

internal static class Stats
{
    public static double SampleSd(IReadOnlyCollection<double> x)
    {
        if (x.Count < 2) return double.NaN;
        double mean = x.Average();
        return Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Count - 1));
    }
}
