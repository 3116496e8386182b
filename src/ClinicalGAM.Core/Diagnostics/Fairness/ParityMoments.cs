namespace ClinicalGAM.Core.Diagnostics.Fairness;

/// <summary>Which parity the exponentiated-gradient reduction enforces.</summary>
public enum ParityConstraint
{
    /// <summary>Same share flagged in every group.</summary>
    DemographicParity,
    /// <summary>Same true- and false-positive rates in every group (flag rate equal within cases and within controls).</summary>
    EqualisedOdds,
}

/// <summary>
/// The constraint moments of Agarwal et al. (2018) on the training rows. For each group a and conditioning event e
/// (demographic parity: everyone; equalised odds: the outcome), γ(a,e) = P(flag | A=a, E=e) − P(flag | E=e). The
/// constraints are γ ≤ ε and −γ ≤ ε. Both are linear in the flags, so a weighted sum of them is a per-row cost,
/// which is what lets an ordinary (weighted) classifier be the base learner.
/// </summary>
public sealed class ParityMoments
{
    private readonly int[] _cell, _event;
    private readonly double[] _cellShare, _eventShare;

    /// <param name="groups">Group index of each training row (0..groupCount−1).</param>
    /// <param name="labels">Outcome (0/1) of each training row.</param>
    public ParityMoments(ParityConstraint kind, int[] groups, double[] labels, int groupCount)
    {
        Groups = groupCount;
        Events = kind == ParityConstraint.DemographicParity ? 1 : 2;
        int n = groups.Length;
        _event = new int[n]; _cell = new int[n];
        _cellShare = new double[Count]; _eventShare = new double[Events];
        for (int i = 0; i < n; i++)
        {
            _event[i] = Events == 1 ? 0 : (labels[i] == 1 ? 1 : 0);
            _cell[i] = groups[i] * Events + _event[i];
            _cellShare[_cell[i]] += 1.0 / n;
            _eventShare[_event[i]] += 1.0 / n;
        }
    }

    public int Groups { get; }
    public int Events { get; }
    /// <summary>Number of (group, event) moments; each gives two constraints (+ and −).</summary>
    public int Count => Groups * Events;

    /// <summary>γ for each (group, event) from per-row flag probabilities; an empty cell has γ = 0.</summary>
    public double[] Gamma(IReadOnlyList<double> flags)
    {
        var cellRate = new double[Count];
        var eventRate = new double[Events];
        int n = _cell.Length;
        for (int i = 0; i < n; i++) { cellRate[_cell[i]] += flags[i] / n; eventRate[_event[i]] += flags[i] / n; }
        var gamma = new double[Count];
        for (int k = 0; k < Count; k++)
        {
            int e = k % Events;
            gamma[k] = _cellShare[k] > 0 ? cellRate[k] / _cellShare[k] - eventRate[e] / _eventShare[e] : 0;
        }
        return gamma;
    }

    /// <summary>
    /// Per-row coefficient (times n) of flagging that row in Σₖ μₖ γₖ, where μₖ = λₖ⁺ − λₖ⁻:
    /// μ(a,e)/P(a,e) − Σ_a' μ(a',e)/P(e) for a row in group a with event e.
    /// </summary>
    public double[] RowCosts(double[] mu)
    {
        var perCell = new double[Count];
        var perEvent = new double[Events];
        for (int k = 0; k < Count; k++) if (_cellShare[k] > 0) perEvent[k % Events] += mu[k];
        for (int k = 0; k < Count; k++)
            perCell[k] = _cellShare[k] > 0 ? mu[k] / _cellShare[k] - perEvent[k % Events] / _eventShare[k % Events] : 0;
        var cost = new double[_cell.Length];
        for (int i = 0; i < cost.Length; i++) cost[i] = perCell[_cell[i]];
        return cost;
    }
}
