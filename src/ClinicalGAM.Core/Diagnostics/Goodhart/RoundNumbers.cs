namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>
/// Round numbers at a feature's own scale: clinicians act at 7 g/dL, 160 mmHg, 100 x10^9/L, multiples of 10, 5, 1,
/// 0.5 ... whatever unit the column uses.
/// </summary>
public static class RoundNumbers
{
    /// <summary>
    /// The roundest number in [low, high] (largest grain of the 1-5-10 ladder that has a multiple there; ties go to
    /// the multiple nearest to <paramref name="near"/>). Returns the value and its grain, or NaN when the interval is
    /// empty or degenerate.
    /// </summary>
    public static (double Value, double Grain) Roundest(double low, double high, double near)
    {
        if (!(high >= low) || double.IsInfinity(low) || double.IsInfinity(high)) return (double.NaN, double.NaN);
        double span = Math.Max(Math.Abs(high), Math.Abs(low));
        if (span == 0) return (0, 1);
        int top = (int)Math.Ceiling(Math.Log10(span)) + 1;
        for (int e = top; e > top - 12; e--)
        {
            double ten = Math.Pow(10, e);
            foreach (double grain in new[] { ten, ten / 2 })
            {
                double first = Math.Ceiling(low / grain - 1e-9) * grain;
                if (first > high + 1e-9 * grain) continue;
                double last = Math.Floor(high / grain + 1e-9) * grain;
                double best = first;
                for (double v = first; v <= last + 1e-9 * grain; v += grain)
                    if (Math.Abs(v - near) < Math.Abs(best - near)) best = v;
                return (Clean(best, grain), grain);
            }
        }
        return (double.NaN, double.NaN);
    }

    /// <summary>Rounds away floating-point dust (6.9999999 -> 7).</summary>
    private static double Clean(double value, double grain)
    {
        int digits = Math.Clamp(-(int)Math.Floor(Math.Log10(grain)) + 1, 0, 15);
        return Math.Round(value, digits) + 0.0;
    }
}
