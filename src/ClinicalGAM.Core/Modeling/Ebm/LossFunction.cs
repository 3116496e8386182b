using System.Numerics.Tensors;

namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>
/// The objective as boosting sees it: a starting score, per-row gradient and hessian of the loss with respect to the
/// link-scale score, and the (weighted) loss used for early stopping. Methods work on whole spans so that the
/// per-row call overhead stays out of the hot loop.
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
    public abstract void Gradients(ReadOnlySpan<double> score, ReadOnlySpan<double> y, ReadOnlySpan<double> w,
        Span<double> gradient, Span<double> hessian);

    /// <summary>Sum of (weighted) per-row losses.</summary>
    public abstract double LossSum(ReadOnlySpan<double> score, ReadOnlySpan<double> y, ReadOnlySpan<double> w);

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

    public override void Gradients(ReadOnlySpan<double> score, ReadOnlySpan<double> y, ReadOnlySpan<double> w,
        Span<double> gradient, Span<double> hessian)
    {
        // Vectorised: p = sigmoid(score); hessian = p - p^2; gradient = p - y (both times the weight).
        TensorPrimitives.Sigmoid(score, gradient);
        TensorPrimitives.Multiply(gradient, gradient, hessian);
        TensorPrimitives.Subtract(gradient, hessian, hessian);
        TensorPrimitives.Subtract(gradient, y, gradient);
        if (!w.IsEmpty)
        {
            TensorPrimitives.Multiply(gradient, w, gradient);
            TensorPrimitives.Multiply(hessian, w, hessian);
        }
    }

    public override double LossSum(ReadOnlySpan<double> score, ReadOnlySpan<double> y, ReadOnlySpan<double> w)
    {
        // log(1 + e^s) - y s = log(1 + e^-|s|) + max(s, 0) - y s, in chunks so the scratch stays in cache.
        const int chunk = 1024;
        Span<double> a = stackalloc double[chunk];
        Span<double> b = stackalloc double[chunk];
        double sum = 0;
        for (int start = 0; start < score.Length; start += chunk)
        {
            int len = Math.Min(chunk, score.Length - start);
            var s = score.Slice(start, len);
            var ta = a[..len]; var tb = b[..len];
            TensorPrimitives.Abs(s, ta);
            TensorPrimitives.Negate(ta, ta);
            TensorPrimitives.Exp(ta, ta);
            TensorPrimitives.Add(ta, 1.0, ta);
            TensorPrimitives.Log(ta, ta);
            TensorPrimitives.Max(s, 0.0, tb);
            TensorPrimitives.Add(ta, tb, ta);
            TensorPrimitives.Multiply(y.Slice(start, len), s, tb);
            TensorPrimitives.Subtract(ta, tb, ta);
            sum += w.IsEmpty ? TensorPrimitives.Sum<double>(ta) : TensorPrimitives.Dot<double>(ta, w.Slice(start, len));
        }
        return sum;
    }
}

internal sealed class SquaredLoss : LossFunction
{
    public override double InitialScore(ReadOnlySpan<double> y, ReadOnlySpan<double> w) => WeightedMean(y, w);

    public override void Gradients(ReadOnlySpan<double> score, ReadOnlySpan<double> y, ReadOnlySpan<double> w,
        Span<double> gradient, Span<double> hessian)
    {
        for (int i = 0; i < score.Length; i++)
        {
            double wi = w.IsEmpty ? 1 : w[i];
            gradient[i] = wi * (score[i] - y[i]);
            hessian[i] = wi;
        }
    }

    public override double LossSum(ReadOnlySpan<double> score, ReadOnlySpan<double> y, ReadOnlySpan<double> w)
    {
        double sum = 0;
        for (int i = 0; i < score.Length; i++)
        {
            double d = score[i] - y[i];
            sum += w.IsEmpty ? d * d : w[i] * d * d;
        }
        return sum;
    }
}

internal sealed class PoissonLoss : LossFunction
{
    public override double InitialScore(ReadOnlySpan<double> y, ReadOnlySpan<double> w) =>
        Math.Log(Math.Max(WeightedMean(y, w), 1e-9));

    public override void Gradients(ReadOnlySpan<double> score, ReadOnlySpan<double> y, ReadOnlySpan<double> w,
        Span<double> gradient, Span<double> hessian)
    {
        for (int i = 0; i < score.Length; i++)
        {
            double mu = Math.Exp(score[i]);
            double wi = w.IsEmpty ? 1 : w[i];
            gradient[i] = wi * (mu - y[i]);
            hessian[i] = wi * mu;
        }
    }

    public override double LossSum(ReadOnlySpan<double> score, ReadOnlySpan<double> y, ReadOnlySpan<double> w)
    {
        double sum = 0;
        for (int i = 0; i < score.Length; i++)
        {
            double l = Math.Exp(score[i]) - y[i] * score[i];
            sum += w.IsEmpty ? l : w[i] * l;
        }
        return sum;
    }
}
