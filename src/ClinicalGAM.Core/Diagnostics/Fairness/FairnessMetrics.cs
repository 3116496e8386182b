using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.MeasurementValue;
using ClinicalGAM.Core.Diagnostics.Metrics;

namespace ClinicalGAM.Core.Diagnostics.Fairness;

/// <summary>Discrimination, calibration and error rates at the threshold for one group (or everyone).</summary>
public sealed record GroupMetrics(string Group, int Rows, double OutcomeRate, double Auc, double AucLower, double AucUpper,
    double ObservedOverExpected, double CalibrationSlope, double PositiveRate, double Tpr, double Fpr);

/// <summary>Overall and per-group metrics plus the two disparity measures with bootstrap 95% CIs.</summary>
public sealed record FairnessMetricSet(GroupMetrics Overall, IReadOnlyList<GroupMetrics> Groups, Difference DemographicParity, Difference EqualisedOdds);

/// <summary>
/// Group fairness of predicted risks at a threshold. Demographic-parity difference: largest minus smallest share
/// flagged positive across groups. Equalised-odds difference: the larger of the TPR and FPR ranges across groups.
/// CIs from a seeded bootstrap of the rows.
/// </summary>
public static class FairnessMetrics
{
    public static FairnessMetricSet Compute(double[] labels, double[] p, string[] groups, double threshold, int seed, int replicates = 200)
    {
        var names = groups.Distinct().Order(StringComparer.Ordinal).ToArray();
        var per = names.Select(g => Group(g, Enumerable.Range(0, labels.Length).Where(i => groups[i] == g).ToArray(), labels, p, threshold)).ToList();
        var overall = Group("all", Enumerable.Range(0, labels.Length).ToArray(), labels, p, threshold);
        var (dp, eo) = DisparityIntervals(labels, p.Select(x => x >= threshold ? 1.0 : 0.0).ToArray(), groups, seed, replicates);
        return new FairnessMetricSet(overall, per, dp, eo);
    }

    /// <summary>
    /// Demographic-parity and equalised-odds differences with bootstrap CIs from per-row flag probabilities (0/1 for a
    /// threshold rule; a fraction for a randomised classifier, whose expected rates these then are).
    /// </summary>
    public static (Difference Dp, Difference Eo) DisparityIntervals(double[] labels, double[] flag, string[] groups, int seed, int replicates = 200)
    {
        var names = groups.Distinct().Order(StringComparer.Ordinal).ToArray();
        var (dp, eo) = Disparities(labels, flag, groups, names, Enumerable.Range(0, labels.Length).ToArray());
        var dps = new double[replicates]; var eos = new double[replicates];
        var rng = new SeededRandom(seed, 91);
        var idx = new int[labels.Length];
        for (int r = 0; r < replicates; r++)
        {
            for (int i = 0; i < idx.Length; i++) idx[i] = rng.NextInt(idx.Length);
            (dps[r], eos[r]) = Disparities(labels, flag, groups, names, idx);
        }
        return (PairedBootstrap.Interval(dp, dps), PairedBootstrap.Interval(eo, eos));
    }

    private static (double Dp, double Eo) Disparities(double[] y, double[] flag, string[] groups, string[] names, int[] rows)
    {
        var pos = new Dictionary<string, double[]>();
        foreach (var g in names) pos[g] = new double[6]; // n, flagged, cases, flagged cases, controls, flagged controls
        foreach (int i in rows)
        {
            var s = pos[groups[i]];
            double f = flag[i];
            s[0]++; s[1] += f;
            if (y[i] == 1) { s[2]++; s[3] += f; } else { s[4]++; s[5] += f; }
        }
        double Range(Func<double[], double?> rate)
        {
            var v = pos.Values.Select(rate).Where(x => x.HasValue).Select(x => x!.Value).ToArray();
            return v.Length < 2 ? 0 : v.Max() - v.Min();
        }
        double dp = Range(s => s[0] > 0 ? s[1] / s[0] : null);
        double tpr = Range(s => s[2] > 0 ? s[3] / s[2] : null), fpr = Range(s => s[4] > 0 ? s[5] / s[4] : null);
        return (dp, Math.Max(tpr, fpr));
    }

    private static GroupMetrics Group(string name, int[] rows, double[] labels, double[] p, double t)
    {
        var y = rows.Select(i => labels[i]).ToArray();
        var q = rows.Select(i => p[i]).ToArray();
        var auc = BinaryMetrics.RocAucConfidenceInterval(y, q);
        double cases = y.Sum(), expected = q.Sum();
        double slope = y.Length > 20 && cases > 0 && cases < y.Length ? BinaryMetrics.Calibration(y, q).Slope : double.NaN;
        double tp = 0, fp = 0, flagged = 0;
        for (int i = 0; i < y.Length; i++) if (q[i] >= t) { flagged++; if (y[i] == 1) tp++; else fp++; }
        return new GroupMetrics(name, y.Length, y.Length > 0 ? cases / y.Length : 0,
            Finite(auc.Auc), Finite(auc.Lower), Finite(auc.Upper),
            expected > 0 ? cases / expected : 0, Finite(slope), y.Length > 0 ? flagged / y.Length : 0,
            cases > 0 ? tp / cases : 0, y.Length - cases > 0 ? fp / (y.Length - cases) : 0);
    }

    /// <summary>Non-finite values (a group with one class) become 0 so they never reach JSON; Rows tells the reader why.</summary>
    private static double Finite(double x) => double.IsFinite(x) ? x : 0;
}
