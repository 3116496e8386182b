namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>
/// Gradient and hessian of a bag's training rows as interleaved pairs (g0, h0, g1, h1, ...), the layout the histogram
/// reads with one load per row. Bound once per stage to the bag's labels and weights (see <see cref="LossFunction.Bind"/>).
/// </summary>
internal abstract class RowGradients
{
    /// <summary>Rows firstRow .. firstRow + score.Length - 1; score and gradientHessian start at firstRow.</summary>
    public abstract void Pairs(int firstRow, ReadOnlySpan<float> score, Span<float> gradientHessian);
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

/// <summary>Log loss with the vector kernel (the width chosen at start) and labels packed to bits.</summary>
internal sealed class LogisticRowGradients(float[] labels, float[] weights) : RowGradients
{
    private readonly ushort[] _labelBits = LogisticKernel.PackLabels(labels);

    public override void Pairs(int firstRow, ReadOnlySpan<float> score, Span<float> gradientHessian)
    {
        var w = weights.Length == 0 ? ReadOnlySpan<float>.Empty : weights.AsSpan(firstRow, score.Length);
        LogisticKernel.GradientPairs(score, _labelBits, firstRow, w, gradientHessian);
    }
}
