using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.MeasurementValue;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Diagnostics.Fairness;

/// <summary>One constrained fit: the randomised mixture, its expected-score GAM, and how well it meets the bound on the training rows.</summary>
public sealed record ConstrainedFit(GamMixture Mixture, GamModel ExpectedGam, double Epsilon, double Bound, int Iterations,
    double TrainingDisparity, double TrainingCost);

/// <summary>
/// The exponentiated-gradient reduction of Agarwal et al. (2018, "A reductions approach to fair classification"): a
/// two-player game between the classifier and Lagrange multipliers λ on the parity constraints |γ| ≤ ε. Each round
/// the multipliers are an exponentiated-gradient step on the constraint violations (λ = B·e^θ / (1 + Σe^θ), so
/// ‖λ‖₁ ≤ B), and the classifier is the best response to them: an EBM fitted to a cost-sensitive problem whose
/// per-row costs are the misclassification costs plus the multipliers' price on flagging that row. Cost-sensitive
/// classification is a weighted fit (label = the cheaper decision, weight = how much cheaper). The answer is the
/// uniform mixture of the rounds' classifiers (the paper shows it approaches the best fair randomised classifier),
/// then moved towards the unconstrained fit as far as the bound allows (see TowardsUnconstrained).
/// Misclassification costs put the decision at the analysis threshold t (a false positive costs t, a false negative
/// 1 − t), so members flag at score 0 and the expected GAM is shifted by logit(t) back to the risk scale.
/// Members are FastRefit fits on the training rows only.
/// </summary>
public sealed class ExponentiatedGradient
{
    private const string LabelColumn = "__eg_label", WeightColumn = "__eg_weight";
    private readonly CohortTable _cohort;
    private readonly IReadOnlyList<string> _features;
    private readonly string _attribute;
    private readonly double[] _labels, _errorCost;
    private readonly int[] _train;
    private readonly double _threshold;
    private readonly int _seed;
    private readonly ParityMoments _moments;
    private (GamModel Model, double[] Flags)? _unconstrained;

    /// <param name="labels">Outcome of every cohort row; only the training rows are read.</param>
    /// <param name="attribute">The sensitive attribute (one of the features): its shape carries the group adjustment.</param>
    /// <param name="groups">Group index of every cohort row (0..groupCount−1).</param>
    public ExponentiatedGradient(CohortTable cohort, IReadOnlyList<string> features, string attribute, double[] labels, int[] groups,
        int groupCount, int[] train, double threshold, ParityConstraint constraint, int seed)
    {
        _cohort = cohort; _features = features; _attribute = attribute; _labels = labels; _train = train; _seed = seed;
        _threshold = Math.Clamp(threshold, 0.01, 0.99);
        var y = train.Select(r => labels[r]).ToArray();
        _moments = new ParityMoments(constraint, train.Select(r => groups[r]).ToArray(), y, groupCount);
        _errorCost = y.Select(v => v == 1 ? -(1 - _threshold) : _threshold).ToArray();
        Constraint = constraint;
    }

    public ParityConstraint Constraint { get; }

    /// <summary>log(t / (1 − t)): moves a member's cost-weighted score back to the risk scale.</summary>
    public double RiskShift => Math.Log(_threshold / (1 - _threshold));

    /// <summary>The best response to λ = 0 (an ordinary cost-weighted fit); computed once and shared by every bound.</summary>
    public GamModel Unconstrained(CancellationToken ct) => UnconstrainedFit(ct).Model;

    /// <summary>Largest |γ| of the unconstrained classifier on the training rows: the disparity a bound is measured against.</summary>
    public double UnconstrainedDisparity(CancellationToken ct) => _moments.Gamma(UnconstrainedFit(ct).Flags).Max(Math.Abs);

    /// <summary>
    /// Runs the game for <paramref name="iterations"/> rounds with constraint bound ε and multiplier bound B = 1/max(ε, 0.01).
    /// ε at or above the unconstrained disparity returns the unconstrained fit alone.
    /// </summary>
    public ConstrainedFit Fit(double epsilon, int iterations, double learningRate = 2.0, IProgress<double>? progress = null,
        CancellationToken ct = default)
    {
        var (first, firstFlags) = UnconstrainedFit(ct);
        double bound = 1 / Math.Max(epsilon, 0.01);
        if (_moments.Gamma(firstFlags).Max(Math.Abs) <= epsilon)
            return Result([first], [firstFlags], epsilon, bound, 1);

        int k = _moments.Count;
        var theta = new double[2 * k]; // [0,k): λ⁺ (γ − ε ≤ 0), [k,2k): λ⁻ (−γ − ε ≤ 0)
        double eta = learningRate / bound;
        var members = new List<GamModel>();
        var flags = new List<double[]>();
        for (int round = 0; round < iterations; round++)
        {
            ct.ThrowIfCancellationRequested();
            double norm = 1 + theta.Sum(Math.Exp);
            var lambda = theta.Select(t => bound * Math.Exp(t) / norm).ToArray();
            var mu = Enumerable.Range(0, k).Select(j => lambda[j] - lambda[k + j]).ToArray();
            var (member, h) = mu.All(m => Math.Abs(m) < 1e-12) ? (first, firstFlags) : BestResponse(mu, ct);
            members.Add(member); flags.Add(h);
            var gamma = _moments.Gamma(h);
            for (int j = 0; j < k; j++) { theta[j] += eta * (gamma[j] - epsilon); theta[k + j] += eta * (-gamma[j] - epsilon); }
            progress?.Report((round + 1.0) / iterations);
        }
        return Result(members, flags, epsilon, bound, iterations);
    }

    private ConstrainedFit Result(List<GamModel> rounds, List<double[]> flags, double epsilon, double bound, int iterations)
    {
        var (first, firstFlags) = UnconstrainedFit(CancellationToken.None);
        var roundWeights = Enumerable.Repeat(1.0 / rounds.Count, rounds.Count).ToArray();
        var average = Mix(flags, roundWeights);
        if (_moments.Gamma(average).Max(Math.Abs) > epsilon)
        {
            // Too few rounds to meet the bound: move weight onto the fairest round's classifier (γ is linear in the weights).
            int fairest = Enumerable.Range(0, flags.Count).MinBy(j => _moments.Gamma(flags[j]).Max(Math.Abs));
            double beta = TowardsFairest(_moments.Gamma(average), _moments.Gamma(flags[fairest]), epsilon);
            for (int j = 0; j < roundWeights.Length; j++) roundWeights[j] *= 1 - beta;
            roundWeights[fairest] += beta;
            average = Mix(flags, roundWeights);
        }
        double alpha = TowardsUnconstrained(_moments.Gamma(firstFlags), _moments.Gamma(average), epsilon);
        var members = new List<GamModel>();
        var weights = new List<double>();
        for (int j = 0; j < rounds.Count; j++)
            if ((1 - alpha) * roundWeights[j] > 0) { members.Add(rounds[j]); weights.Add((1 - alpha) * roundWeights[j]); }
        if (alpha > 0) { members.Add(first); weights.Add(alpha); }
        var mixed = average.Select((a, i) => (1 - alpha) * a + alpha * firstFlags[i]).ToArray();
        double cost = 0;
        for (int i = 0; i < mixed.Length; i++) cost += _errorCost[i] > 0 ? mixed[i] * _errorCost[i] : (1 - mixed[i]) * -_errorCost[i];
        var mixture = new GamMixture(members, weights);
        // Members answering "flag (nearly) all of this group" have huge scores that would swamp a plain average; each
        // enters scaled to the spread of the unconstrained member's scores (its own decision boundary unchanged), so the
        // expected GAM stays close to the randomised vote and equals the unconstrained model at strength 0.
        double reference = Spread(first);
        var scales = members.Select(m => reference / Math.Max(Spread(m), 1e-9)).ToArray();
        var gam = SteepenAroundThreshold(MatchFlagRates(mixture.ExpectedGam(_cohort, _train, RiskShift, scales), mixed));
        return new ConstrainedFit(mixture, gam, epsilon, bound, iterations, _moments.Gamma(mixed).Max(Math.Abs), cost / mixed.Length);
    }

    /// <summary>
    /// An average of scores is not a vote: flagged at the threshold, the averaged GAM can treat groups quite unlike the
    /// randomised mixture it stands for. So the attribute's own shape is moved, bin by bin, until the GAM flags the
    /// same share of each bin's training rows as the mixture does in expectation (the rows ranked by the GAM's score);
    /// every other shape stays the average. Still a GAM; its flag rates per group match the mixture's on training rows.
    /// </summary>
    private GamModel MatchFlagRates(GamModel gam, double[] mixedFlags)
    {
        var term = gam.Terms.FirstOrDefault(t => !t.IsInteraction && t.Features.First() == _attribute);
        if (term is null) return gam;
        var bins = GamModel.BinColumn(term.Binnings[0], _cohort);
        var eta = gam.LinearPredictor(_cohort);
        double cut = RiskShift; // flagged when the risk-scale score is at or above logit(t)
        var scores = term.Scores.ToArray();
        for (int b = 0; b < scores.Length; b++)
        {
            var rows = Enumerable.Range(0, _train.Length).Where(i => bins[_train[i]] == b).ToArray();
            if (rows.Length == 0) continue;
            var ranked = rows.Select(i => eta[_train[i]]).OrderByDescending(x => x).ToArray();
            int flag = (int)Math.Round(rows.Average(i => mixedFlags[i]) * rows.Length);
            double boundary = flag == 0 ? ranked[0] + 1e-6 : flag == ranked.Length ? ranked[^1] : (ranked[flag - 1] + ranked[flag]) / 2;
            scores[b] += cut - boundary;
        }
        double mean = 0, total = term.BinWeights.Sum();
        for (int b = 0; b < scores.Length; b++) mean += term.BinWeights[b] * scores[b] / Math.Max(total, 1e-12);
        for (int b = 0; b < scores.Length; b++) scores[b] -= mean;
        var moved = new GamTerm(term.Name, term.Binnings, scores, term.StandardDeviations, term.BinWeights);
        return new GamModel(gam.Info, gam.Intercept + mean, gam.Terms.Select(t => ReferenceEquals(t, term) ? moved : t).ToList(), null);
    }

    /// <summary>
    /// Averaged scores are flatter than risks (calibration slope well above 1). Every shape and the intercept are scaled
    /// by b about the threshold's log-odds, η' = logit(t) + b·(η − logit(t)), with b the maximum-likelihood slope on the
    /// training rows: the flags, the ranking (AUC) and so every disparity are unchanged; only the risks are calibrated.
    /// </summary>
    private GamModel SteepenAroundThreshold(GamModel gam)
    {
        var eta = gam.LinearPredictor(_cohort);
        double cut = RiskShift, b = 1;
        for (int it = 0; it < 25; it++)
        {
            double grad = 0, hess = 0;
            foreach (int r in _train)
            {
                double x = eta[r] - cut, p = 1 / (1 + Math.Exp(-(cut + b * x)));
                grad += (_labels[r] - p) * x; hess += p * (1 - p) * x * x;
            }
            if (hess <= 1e-12) break;
            double step = grad / hess;
            b = Math.Clamp(b + step, 0.05, 20);
            if (Math.Abs(step) < 1e-8) break;
        }
        var terms = gam.Terms.Select(t => new GamTerm(t.Name, t.Binnings, t.Scores.Select(v => b * v).ToArray(),
            t.StandardDeviations.Select(v => b * v).ToArray(), t.BinWeights)).ToList();
        return new GamModel(gam.Info, cut + b * (gam.Intercept - cut), terms, null);
    }

    /// <summary>Standard deviation of a member's score over the training rows.</summary>
    private double Spread(GamModel member)
    {
        var eta = member.LinearPredictor(_cohort);
        double mean = _train.Average(r => eta[r]);
        return Math.Sqrt(_train.Average(r => (eta[r] - mean) * (eta[r] - mean)));
    }

    private static double[] Mix(List<double[]> flags, double[] weights)
    {
        var mixed = new double[flags[0].Length];
        for (int j = 0; j < flags.Count; j++)
            for (int i = 0; i < mixed.Length; i++) mixed[i] += weights[j] * flags[j][i];
        return mixed;
    }

    /// <summary>
    /// The smallest share β of the fairest classifier such that (1 − β)·γ̄ + β·γ* is within ±ε for every moment; when no
    /// share reaches the bound, the share with the smallest largest |γ| (a grid of 1% steps: the function is convex).
    /// </summary>
    internal static double TowardsFairest(double[] gammaAverage, double[] gammaFairest, double epsilon)
    {
        double best = 0, bestWorst = double.PositiveInfinity;
        for (int step = 0; step <= 100; step++)
        {
            double beta = step / 100.0, worst = 0;
            for (int k = 0; k < gammaAverage.Length; k++)
                worst = Math.Max(worst, Math.Abs((1 - beta) * gammaAverage[k] + beta * gammaFairest[k]));
            if (worst <= epsilon) return beta;
            if (worst < bestWorst - 1e-12) { bestWorst = worst; best = beta; }
        }
        return best;
    }

    /// <summary>
    /// The game's average is fairer than it must be after few rounds. Fairlearn chooses the final weights by a linear
    /// programme over the rounds' classifiers; this is its one-dimensional version: the largest share α of the
    /// unconstrained classifier (the least costly) such that α·γ₀ + (1 − α)·γ̄ stays within ±ε for every moment (γ is
    /// linear in the mixture weights). 0 when the average itself is outside the bound.
    /// </summary>
    internal static double TowardsUnconstrained(double[] gamma0, double[] gammaAverage, double epsilon)
    {
        double alpha = 1;
        for (int k = 0; k < gamma0.Length; k++)
        {
            double g = gammaAverage[k], g0 = gamma0[k];
            if (Math.Abs(g) > epsilon) return 0;
            if (g0 > epsilon) alpha = Math.Min(alpha, (epsilon - g) / (g0 - g));
            else if (g0 < -epsilon) alpha = Math.Min(alpha, (-epsilon - g) / (g0 - g));
        }
        return Math.Clamp(alpha, 0, 1);
    }

    private (GamModel Model, double[] Flags) UnconstrainedFit(CancellationToken ct) => _unconstrained ??= BestResponse(new double[_moments.Count], ct);

    /// <summary>The cost-sensitive best response: flag a row when flagging costs less than not flagging.</summary>
    private (GamModel Model, double[] Flags) BestResponse(double[] mu, CancellationToken ct)
    {
        var fairness = _moments.RowCosts(mu);
        var label = new double[_cohort.RowCount];
        var weight = new double[_cohort.RowCount];
        double total = 0;
        for (int i = 0; i < _train.Length; i++)
        {
            double c = _errorCost[i] + fairness[i]; // cost of flagging minus cost of not flagging
            label[_train[i]] = c < 0 ? 1 : 0;
            weight[_train[i]] = Math.Abs(c);
            total += Math.Abs(c);
        }
        double scale = total > 0 ? _train.Length / total : 1; // mean weight 1 keeps the engine's leaf limits meaningful
        foreach (int r in _train) weight[r] *= scale;
        var data = _cohort.With(new NumericColumn(LabelColumn, label)).With(new NumericColumn(WeightColumn, weight));
        var model = FastRefit.Fit(data, LabelColumn, _features, _train, _seed, ct, WeightColumn);
        var eta = model.LinearPredictor(_cohort, ct);
        return (model, _train.Select(r => eta[r] >= 0 ? 1.0 : 0.0).ToArray());
    }
}
