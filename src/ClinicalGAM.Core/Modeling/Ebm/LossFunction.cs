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
        for (int i = 0; i < score.Length; i++)
        {
            double p = 1.0 / (1.0 + Math.Exp(-score[i]));
            double wi = w.IsEmpty ? 1 : w[i];
            gradient[i] = wi * (p - y[i]);
            hessian[i] = wi * p * (1 - p);
        }
    }

    public override double LossSum(ReadOnlySpan<double> score, ReadOnlySpan<double> y, ReadOnlySpan<double> w)
    {
        double sum = 0;
        for (int i = 0; i < score.Length; i++)
        {
            double s = score[i];
            // log(1 + e^s) - y s, written to stay finite for large |s|.
            double softplus = s > 0 ? s + Math.Log(1 + Math.Exp(-s)) : Math.Log(1 + Math.Exp(s));
            double l = softplus - y[i] * s;
            sum += w.IsEmpty ? l : w[i] * l;
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
