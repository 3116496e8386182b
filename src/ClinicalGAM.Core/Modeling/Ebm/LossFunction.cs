using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>
/// The objective as boosting sees it: a starting score, per-row gradient and hessian of the loss with respect to the
/// link-scale score, and the (weighted) loss used for early stopping. Methods work on whole spans so that the
/// per-row call overhead stays out of the hot loop. Per-row values are single precision (twice the SIMD lanes, half
/// the memory traffic); every sum over rows is accumulated in double.
/// </summary>
internal abstract class LossFunction
{
    public static LossFunction For(Objective objective) => objective switch
    {
        Objective.LogLoss => new LogisticLoss(),
        Objective.Rmse => new SquaredLoss(),
        Objective.Poisson => new PoissonLoss(),
        _ => throw new ArgumentOutOfRangeException(nameof(objective)),
    };

    /// <summary>Best constant score (the intercept before any term).</summary>
    public abstract double InitialScore(ReadOnlySpan<double> y, ReadOnlySpan<double> w);

    /// <summary>Gradient and hessian per row; w empty means unit weights.</summary>
    public abstract void Gradients(ReadOnlySpan<float> score, ReadOnlySpan<float> y, ReadOnlySpan<float> w,
        Span<float> gradient, Span<float> hessian);

    /// <summary>
    /// The gradient pass of one bag's training rows, bound to its labels and weights in whatever form this loss reads
    /// fastest.
    /// </summary>
    public virtual RowGradients Bind(float[] labels, float[] weights) => new GenericRowGradients(this, labels, weights);

    internal static void Interleave(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> pairs)
    {
        int n = a.Length;
        if (b.Length < n || pairs.Length < 2 * n) throw new ArgumentException("Interleave needs matching lengths.");
        int i = 0;
        if (Sse.IsSupported)
        {
            ref float ra = ref MemoryMarshal.GetReference(a);
            ref float rb = ref MemoryMarshal.GetReference(b);
            ref float rp = ref MemoryMarshal.GetReference(pairs);
            for (; i + 4 <= n; i += 4)
            {
                var va = Vector128.LoadUnsafe(ref ra, (nuint)i);
                var vb = Vector128.LoadUnsafe(ref rb, (nuint)i);
                Sse.UnpackLow(va, vb).StoreUnsafe(ref rp, (nuint)(2 * i));
                Sse.UnpackHigh(va, vb).StoreUnsafe(ref rp, (nuint)(2 * i + 4));
            }
        }
        for (; i < n; i++)
        {
            pairs[2 * i] = a[i];
            pairs[2 * i + 1] = b[i];
        }
    }

    /// <summary>Sum of (weighted) per-row losses.</summary>
    public double LossSum(ReadOnlySpan<float> score, ReadOnlySpan<float> y, ReadOnlySpan<float> w)
    {
        // Float within a cache-sized chunk, double across chunks: keeps the sum exact enough for a 1e-5 relative
        // early-stopping tolerance on a million rows.
        Span<float> scratch = stackalloc float[LossChunk];
        double sum = 0;
        for (int start = 0; start < score.Length; start += LossChunk)
        {
            int len = Math.Min(LossChunk, score.Length - start);
            var losses = scratch[..len];
            RowLosses(score.Slice(start, len), y.Slice(start, len), losses);
            sum += w.IsEmpty ? TensorPrimitives.Sum<float>(losses) : TensorPrimitives.Dot<float>(losses, w.Slice(start, len));
        }
        return sum;
    }

    private const int LossChunk = 1024;

    /// <summary>Unweighted per-row losses of one chunk.</summary>
    protected abstract void RowLosses(ReadOnlySpan<float> score, ReadOnlySpan<float> y, Span<float> loss);

    /// <summary>Multiplies gradient and hessian by the row weights (nothing when the fit is unweighted).</summary>
    protected static void Weigh(Span<float> gradient, Span<float> hessian, ReadOnlySpan<float> w)
    {
        if (w.IsEmpty) return;
        TensorPrimitives.Multiply(gradient, w, gradient);
        TensorPrimitives.Multiply(hessian, w, hessian);
    }

    protected static double WeightedMean(ReadOnlySpan<double> y, ReadOnlySpan<double> w)
    {
        double s = 0, sw = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double wi = w.IsEmpty ? 1 : w[i];
            s += wi * y[i];
            sw += wi;
        }
        return sw > 0 ? s / sw : 0;
    }
}

internal sealed class LogisticLoss : LossFunction
{
    public override double InitialScore(ReadOnlySpan<double> y, ReadOnlySpan<double> w)
    {
        double p = Math.Clamp(WeightedMean(y, w), 1e-6, 1 - 1e-6);
        return Math.Log(p / (1 - p));
    }

    public override void Gradients(ReadOnlySpan<float> score, ReadOnlySpan<float> y, ReadOnlySpan<float> w,
        Span<float> gradient, Span<float> hessian)
    {
        // p = sigmoid(s), q = sigmoid(-s) = 1 - p without cancellation; hessian = p q; gradient = p (1 - y) - q y,
        // which is p - y for labels 0 and 1 but keeps its digits when p is close to 1. Both times the weight.
        int n = score.Length;
        TensorPrimitives.Sigmoid(score, gradient);
        TensorPrimitives.Negate(score, hessian[..n]);
        TensorPrimitives.Sigmoid(hessian[..n], hessian);
        for (int i = 0; i < n; i++)
        {
            float p = gradient[i], q = hessian[i];
            gradient[i] = y[i] > 0.5f ? -q : p;
            hessian[i] = p * q;
        }
        Weigh(gradient[..n], hessian[..n], w);
    }

    public override RowGradients Bind(float[] labels, float[] weights) =>
        LogisticKernel.IsSupported ? new LogisticRowGradients(labels, weights) : base.Bind(labels, weights);

    protected override void RowLosses(ReadOnlySpan<float> s, ReadOnlySpan<float> y, Span<float> loss)
    {
        // log(1 + e^s) - y s = log(1 + e^-|s|) + max(s, 0) - y s: no overflow for large |s|.
        if (LogisticKernel.IsSupported)
        {
            LogisticKernel.RowLosses(s, y, loss);
            return;
        }
        Span<float> t = stackalloc float[s.Length];
        TensorPrimitives.Abs(s, loss);
        TensorPrimitives.Negate(loss, loss);
        TensorPrimitives.Exp(loss, loss);
        TensorPrimitives.Add(loss, 1f, loss);
        TensorPrimitives.Log(loss, loss);
        TensorPrimitives.Max(s, 0f, t);
        TensorPrimitives.Add(loss, t, loss);
        TensorPrimitives.Multiply(y, s, t);
        TensorPrimitives.Subtract(loss, t, loss);
    }
}

internal sealed class SquaredLoss : LossFunction
{
    public override double InitialScore(ReadOnlySpan<double> y, ReadOnlySpan<double> w) => WeightedMean(y, w);

    public override void Gradients(ReadOnlySpan<float> score, ReadOnlySpan<float> y, ReadOnlySpan<float> w,
        Span<float> gradient, Span<float> hessian)
    {
        TensorPrimitives.Subtract(score, y, gradient);
        if (w.IsEmpty) hessian.Fill(1f);
        else
        {
            TensorPrimitives.Multiply(gradient, w, gradient);
            w.CopyTo(hessian);
        }
    }

    protected override void RowLosses(ReadOnlySpan<float> s, ReadOnlySpan<float> y, Span<float> loss)
    {
        TensorPrimitives.Subtract(s, y, loss);
        TensorPrimitives.Multiply(loss, loss, loss);
    }
}

internal sealed class PoissonLoss : LossFunction
{
    public override double InitialScore(ReadOnlySpan<double> y, ReadOnlySpan<double> w) =>
        Math.Log(Math.Max(WeightedMean(y, w), 1e-9));

    public override void Gradients(ReadOnlySpan<float> score, ReadOnlySpan<float> y, ReadOnlySpan<float> w,
        Span<float> gradient, Span<float> hessian)
    {
        // mu = e^score; gradient = mu - y; hessian = mu (both times the weight).
        TensorPrimitives.Exp(score, hessian);
        TensorPrimitives.Subtract(hessian, y, gradient);
        Weigh(gradient, hessian, w);
    }

    protected override void RowLosses(ReadOnlySpan<float> s, ReadOnlySpan<float> y, Span<float> loss)
    {
        Span<float> t = stackalloc float[s.Length];
        TensorPrimitives.Exp(s, loss);
        TensorPrimitives.Multiply(y, s, t);
        TensorPrimitives.Subtract(loss, t, loss);
    }
}
