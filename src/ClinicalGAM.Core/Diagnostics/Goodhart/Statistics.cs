namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>Small distribution functions and multiple-testing helpers used by the detectors.</summary>
internal static class Statistics
{
    /// <summary>Two-sided p-value of a z statistic.</summary>
    public static double NormalTwoSidedP(double z) => Erfc(Math.Abs(z) / Math.Sqrt(2));

    /// <summary>Two-sided p-value of a t statistic with df degrees of freedom (df &lt;= 0 or infinite: normal).</summary>
    public static double StudentTwoSidedP(double t, double df)
    {
        if (double.IsNaN(t)) return 1;
        if (double.IsInfinity(t)) return 0;
        if (!(df > 0) || df > 1e6) return NormalTwoSidedP(t);
        double x = df / (df + t * t);
        return RegularizedIncompleteBeta(df / 2, 0.5, x);
    }

    /// <summary>97.5% quantile of Student's t (for 95% intervals), by bisection on the p-value.</summary>
    public static double StudentQuantile975(double df)
    {
        if (!(df > 0) || df > 1e6) return 1.959963984540054;
        double lo = 0, hi = 100;
        for (int i = 0; i < 80; i++)
        {
            double mid = (lo + hi) / 2;
            if (StudentTwoSidedP(mid, df) > 0.05) lo = mid; else hi = mid;
        }
        return (lo + hi) / 2;
    }

    /// <summary>Complementary error function (Numerical Recipes' Chebyshev fit, relative error &lt; 1.2e-7).</summary>
    public static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
            t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /// <summary>I_x(a, b) by Lentz's continued fraction.</summary>
    public static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        double lnFront = LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x);
        if (x > (a + 1) / (a + b + 2)) return 1 - RegularizedIncompleteBeta(b, a, 1 - x);
        const double tiny = 1e-300;
        double f = 1, c = 1, d = 0;
        for (int i = 0; i <= 400; i++)
        {
            int m = i / 2;
            double numerator;
            if (i == 0) numerator = 1;
            else if (i % 2 == 0) numerator = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            else numerator = -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 + numerator * d;
            if (Math.Abs(d) < tiny) d = tiny;
            d = 1 / d;
            c = 1 + numerator / c;
            if (Math.Abs(c) < tiny) c = tiny;
            double cd = c * d;
            f *= cd;
            if (Math.Abs(1 - cd) < 1e-12) break;
        }
        return Math.Exp(lnFront) * (f - 1) / a;
    }

    /// <summary>Lanczos approximation of ln Γ(x) for x &gt; 0.</summary>
    public static double LogGamma(double x)
    {
        ReadOnlySpan<double> g =
        [
            676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        double a = 0.99999999999980993;
        double t = x + 7.5;
        for (int i = 0; i < g.Length; i++) a += g[i] / (x + i + 1);
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
    }

    /// <summary>
    /// Weighted Benjamini-Hochberg adjusted p-values (Genovese, Roeder and Wasserman 2006): prior weights are
    /// rescaled to mean 1, each p is divided by its weight, then the usual step-up adjustment is applied.
    /// </summary>
    public static double[] WeightedBenjaminiHochberg(IReadOnlyList<double> p, IReadOnlyList<double> weights)
    {
        int n = p.Count;
        var q = new double[n];
        if (n == 0) return q;
        double mean = 0;
        for (int i = 0; i < n; i++) mean += weights[i];
        mean /= n;
        var scaled = new double[n];
        for (int i = 0; i < n; i++) scaled[i] = weights[i] > 0 && mean > 0 ? Math.Min(1, p[i] * mean / weights[i]) : 1;
        var order = Enumerable.Range(0, n).OrderBy(i => scaled[i]).ToArray();
        double running = 1;
        for (int r = n - 1; r >= 0; r--)
        {
            int i = order[r];
            running = Math.Min(running, scaled[i] * n / (r + 1));
            q[i] = running;
        }
        return q;
    }

    /// <summary>Mean and sample standard deviation.</summary>
    public static (double Mean, double Sd) MeanSd(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        if (n == 0) return (double.NaN, double.NaN);
        double mean = 0;
        foreach (var v in values) mean += v;
        mean /= n;
        if (n == 1) return (mean, double.NaN);
        double ss = 0;
        foreach (var v in values) ss += (v - mean) * (v - mean);
        return (mean, Math.Sqrt(ss / (n - 1)));
    }
}
