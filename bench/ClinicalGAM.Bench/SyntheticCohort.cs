using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Bench;

/// <summary>
/// The synthetic scale cohort of issue 3: 20 features (16 numeric, 4 categorical), each value missing completely at
/// random with probability 5%; shapes: smooth, step, hinge and U; two pair effects; intercept set for 8% prevalence;
/// fixed seed. The true log-odds use every value before masking, so the true model's AUC is the oracle ceiling.
/// </summary>
internal static class SyntheticCohort
{
    public const string Outcome = "event";
    public const double MissingRate = 0.05;
    public const double Prevalence = 0.08;
    /// <summary>Scales every effect so the true model's AUC (about 0.87) matches the cohort InterpretML was timed on.</summary>
    public const double SignalScale = 1.12;

    public sealed record Cohort(CohortTable Table, double[] TrueRisk, string[] Features);

    public static Cohort Generate(int rows, int seed)
    {
        var rng = new Random(seed);
        const int numeric = 16;
        var x = new double[numeric][];
        for (int f = 0; f < numeric; f++) x[f] = new double[rows];
        var cats = new int[4][];
        int[] levelCounts = [4, 3, 6, 5];
        for (int c = 0; c < 4; c++) cats[c] = new int[rows];
        var eta = new double[rows];

        // Category effects (level 0 is the reference): c1 and c2 matter, c3 weakly, c4 not at all.
        double[][] catEffects = [[0, 0.3, -0.2, 0.6], [0, 0.5, -0.4], [0, 0.1, -0.1, 0.15, 0, -0.05], [0, 0, 0, 0, 0]];
        for (int i = 0; i < rows; i++)
        {
            for (int f = 0; f < numeric; f++) x[f][i] = Draw(rng, f);
            for (int c = 0; c < 4; c++) cats[c][i] = rng.Next(levelCounts[c]);
            double e =
                0.8 * Math.Sin(x[0][i])                      // smooth
                + (x[1][i] > 0.5 ? 0.7 : 0)                  // step up
                + 0.9 * Math.Max(0, x[2][i] - 1)             // hinge
                + 0.4 * x[3][i] * x[3][i]                    // U
                + 0.5 * Math.Log(x[4][i])                    // smooth, log-normal feature
                + 0.3 * x[5][i]                              // linear
                + (x[6][i] > 1 ? -0.6 : 0)                   // step down
                + 0.6 * Math.Max(0, 0.5 - x[7][i])           // hinge, falling
                + 0.7 * Math.Tanh(2 * x[8][i])               // sigmoid-like
                - 0.25 * x[9][i]                             // linear
                + 0.1 * x[10][i];                            // weak; x12..x16 are noise
            for (int c = 0; c < 4; c++) e += catEffects[c][cats[c][i]];
            e += 0.5 * x[5][i] * x[8][i];                    // pair 1: numeric x numeric
            e += x[1][i] > 0 && cats[1][i] == 1 ? 0.7 : 0;   // pair 2: numeric x categorical
            eta[i] = SignalScale * e;
        }

        double intercept = InterceptForPrevalence(eta, Prevalence);
        var risk = new double[rows];
        var outcome = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            risk[i] = 1 / (1 + Math.Exp(-(eta[i] + intercept)));
            outcome[i] = rng.NextDouble() < risk[i] ? 1 : 0;
        }

        var columns = new List<CohortColumn> { new NumericColumn(Outcome, outcome, ColumnKind.Binary) };
        var features = new List<string>();
        for (int f = 0; f < numeric; f++)
        {
            for (int i = 0; i < rows; i++) if (rng.NextDouble() < MissingRate) x[f][i] = double.NaN;
            columns.Add(new NumericColumn($"x{f + 1}", x[f]));
            features.Add($"x{f + 1}");
        }
        for (int c = 0; c < 4; c++)
        {
            for (int i = 0; i < rows; i++) if (rng.NextDouble() < MissingRate) cats[c][i] = -1;
            var levels = Enumerable.Range(0, levelCounts[c]).Select(l => $"c{c + 1}_{(char)('a' + l)}").ToArray();
            columns.Add(new CategoricalColumn($"c{c + 1}", cats[c], levels));
            features.Add($"c{c + 1}");
        }
        return new Cohort(new CohortTable(columns), risk, features.ToArray());
    }

    // A mix of distributions, rounded as clinical measurements are, so binning sees ties.
    private static double Draw(Random rng, int feature) => feature switch
    {
        0 => Math.Round(-3 + 6 * rng.NextDouble(), 3),
        4 => Math.Round(Math.Exp(0.5 * Normal(rng)), 3),
        11 => Math.Round(10 * rng.NextDouble(), 1),
        12 => rng.Next(0, 8),
        _ => Math.Round(Normal(rng), 3),
    };

    private static double Normal(Random rng)
    {
        double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    // Bisection: the intercept at which the mean true risk equals the target prevalence.
    private static double InterceptForPrevalence(double[] eta, double prevalence)
    {
        double lo = -20, hi = 20;
        for (int iter = 0; iter < 100; iter++)
        {
            double mid = (lo + hi) / 2, mean = 0;
            foreach (var e in eta) mean += 1 / (1 + Math.Exp(-(e + mid)));
            if (mean / eta.Length < prevalence) lo = mid; else hi = mid;
        }
        return (lo + hi) / 2;
    }
}
