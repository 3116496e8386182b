namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>
/// Gradient and hessian of a bag's training rows as interleaved pairs (g0, h0, g1, h1, ...), the layout the histogram
/// reads with one load per row. Bound once per stage to the bag's labels and weights (see <see cref="LossFunction.Bind"/>).
/// </summary>
internal abstract class RowGradients
{
    /// <summary>
    /// True when rows carry e^-score instead of the score (<see cref="ToRowState"/>), so that a boosting step multiplies
    /// them by e^-update (<see cref="ScoreStep.AsFactors"/>) and the gradients need no exponential per row.
    /// </summary>
    public virtual bool CarriesNegativeOdds => false;

    /// <summary>Turns scores into the row state <see cref="Pairs"/> reads (in place; scores are the state by default).</summary>
    public virtual void ToRowState(Span<float> score) { }

    /// <summary>Rows firstRow .. firstRow + rowState.Length - 1; rowState and gradientHessian start at firstRow.</summary>
    public abstract void Pairs(int firstRow, ReadOnlySpan<float> rowState, Span<float> gradientHessian);
}

/// <summary>Any loss: its span gradients into scratch, then interleaved.</summary>
internal sealed class GenericRowGradients(LossFunction loss, float[] labels, float[] weights) : RowGradients
{
    private float[] _g = [], _h = [];

    public override void Pairs(int firstRow, ReadOnlySpan<float> score, Span<float> gradientHessian)
    {
        int n = score.Length;
        if (_g.Length < n) { _g = new float[n]; _h = new float[n]; }
        var w = weights.Length == 0 ? ReadOnlySpan<float>.Empty : weights.AsSpan(firstRow, n);
        loss.Gradients(score, labels.AsSpan(firstRow, n), w, _g.AsSpan(0, n), _h.AsSpan(0, n));
        LossFunction.Interleave(_g.AsSpan(0, n), _h.AsSpan(0, n), gradientHessian);
    }
}

/// <summary>
/// Log loss with the vector kernel (the width chosen at start) and labels packed to bits. Rows carry e^-score: a
/// boosting pass on 100,000 rows (AVX2) spent about 40% of its time on the per-row exponential.
/// </summary>
internal sealed class LogisticRowGradients(float[] labels, float[] weights) : RowGradients
{
    private readonly ushort[] _labelBits = LogisticKernel.PackLabels(labels);

    public override bool CarriesNegativeOdds => true;

    public override void ToRowState(Span<float> score) => LogisticKernel.ToNegativeOdds(score);

    public override void Pairs(int firstRow, ReadOnlySpan<float> negativeOdds, Span<float> gradientHessian)
    {
        var w = weights.Length == 0 ? ReadOnlySpan<float>.Empty : weights.AsSpan(firstRow, negativeOdds.Length);
        LogisticKernel.GradientPairsFromNegativeOdds(negativeOdds, _labelBits, firstRow, w, gradientHessian);
    }
}
