namespace ClinicalGAM.Core.Diagnostics.Metrics;

/// <summary>One bin of a calibration curve: patients grouped by predicted risk, their mean prediction and observed rate.</summary>
public readonly record struct CalibrationBin(double MeanPredicted, double Observed, int Count, double MinPredicted, double MaxPredicted);

/// <summary>
/// How well predicted risks match observed rates. Bins hold (about) equal numbers of patients ordered by predicted
/// risk. Slope and intercept come from logistic recalibration, logit P(y=1) = a + b·logit(p): the slope is b (1 is
/// ideal; below 1 means predictions are too extreme, i.e. over-fitting); the intercept is calibration-in-the-large,
/// a fitted with b fixed at 1 (0 is ideal; positive means risks are under-predicted on average).
/// </summary>
public sealed record CalibrationCurve(IReadOnlyList<CalibrationBin> Bins, double Slope, double Intercept)
{
    // Predictions are clipped before the logit so a predicted 0 or 1 does not make the recalibration infinite.
    private const double Eps = 1e-12;

    public static CalibrationCurve Compute(ReadOnlySpan<double> labels, ReadOnlySpan<double> p, int bins = 10)
    {
        BinaryMetrics.CheckLengths(labels, p);
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), "At least one bin.");
        int n = labels.Length;
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var keys = p.ToArray();
        Array.Sort(keys, order);

        var result = new List<CalibrationBin>();
        int binCount = Math.Min(bins, n);
        for (int b = 0, start = 0; b < binCount; b++)
        {
            int end = (int)((long)n * (b + 1) / binCount);
            if (end <= start) continue;
            double sp = 0, sy = 0;
            for (int k = start; k < end; k++) { sp += keys[k]; sy += labels[order[k]]; }
            int count = end - start;
            result.Add(new CalibrationBin(sp / count, sy / count, count, keys[start], keys[end - 1]));
            start = end;
        }

        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            double q = Math.Clamp(p[i], Eps, 1 - Eps);
            x[i] = Math.Log(q / (1 - q));
        }
        var (_, slope) = FitLogistic(labels, x, fixSlope: false);
        var (intercept, _) = FitLogistic(labels, x, fixSlope: true);
        return new CalibrationCurve(result, slope, intercept);
    }

    // Newton-Raphson for logit P(y) = a + b·x (or a + x when the slope is fixed at 1, i.e. x as an offset).
    private static (double A, double B) FitLogistic(ReadOnlySpan<double> y, double[] x, bool fixSlope)
    {
        double a = 0, b = fixSlope ? 1 : 0;
        for (int iter = 0; iter < 100; iter++)
        {
            double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double mu = 1 / (1 + Math.Exp(-(a + b * x[i])));
                double w = mu * (1 - mu);
                double r = y[i] - mu;
                ga += r; gb += r * x[i];
                haa += w; hab += w * x[i]; hbb += w * x[i] * x[i];
            }
            double da, db;
            if (fixSlope) { da = haa > 0 ? ga / haa : 0; db = 0; }
            else
            {
                double det = haa * hbb - hab * hab;
                if (Math.Abs(det) < 1e-300) break;
                da = (hbb * ga - hab * gb) / det;
                db = (haa * gb - hab * ga) / det;
            }
            a += da; b += db;
            if (Math.Abs(da) < 1e-12 && Math.Abs(db) < 1e-12) break;
        }
        return (a, b);
    }
}
