namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>
/// Calibrates a test on placebos: the same statistic computed where no effect is expected (cut-offs away from every
/// candidate, or a change period on time labels shuffled among patients). Under a well-calibrated test their z are
/// standard normal; a model whose local fits are too confident (overdispersion, a misspecified offset, a bandwidth too
/// wide for the curvature) shows z spread wider. The empirical null's variance, estimated robustly (median of z^2 over
/// its value for a standard normal, 0.4549, so a few placebos near a real effect do not dominate), becomes a variance
/// inflation factor for every real test of that kind; it never shrinks a standard error (at least 1).
/// </summary>
public sealed record PlaceboCalibration(string Kind, int Placebos, double Inflation, double MedianZSquared)
{
    /// <summary>Median of the square of a standard normal (the 50% point of chi-square with 1 df).</summary>
    public const double NullMedianZSquared = 0.454936423119572;

    /// <summary>Fewest placebos for an estimate; with fewer the inflation stays 1.</summary>
    public const int MinimumPlacebos = 10;

    /// <summary>Calibration from placebo z values (non-finite ones ignored).</summary>
    public static PlaceboCalibration From(string kind, IEnumerable<double> placeboZ)
    {
        var squares = placeboZ.Where(double.IsFinite).Select(z => z * z).OrderBy(v => v).ToArray();
        if (squares.Length == 0) return new PlaceboCalibration(kind, 0, 1, double.NaN);
        int n = squares.Length;
        double median = n % 2 == 1 ? squares[n / 2] : (squares[n / 2 - 1] + squares[n / 2]) / 2;
        double inflation = n >= MinimumPlacebos ? Math.Max(1, median / NullMedianZSquared) : 1;
        return new PlaceboCalibration(kind, n, inflation, median);
    }

    /// <summary>One sentence for the text output.</summary>
    public string Message => Placebos < MinimumPlacebos
        ? FormattableString.Invariant($"{Kind}: {Placebos} placebo tests, too few to calibrate (no inflation).")
        : FormattableString.Invariant($"{Kind}: calibrated on {Placebos} placebo tests (median z^2 {MedianZSquared:0.00} against 0.45 under the null; variance inflation {Inflation:0.00}).");
}
