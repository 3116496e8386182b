using System.Reflection;
using Microsoft.ML.Trainers.FastTree;

namespace ClinicalGAM.Core.Modeling.MlNet;

/// <summary>
/// ML.NET's shape functions indexed by input slot. ML.NET drops slots it could not split (too few distinct values for
/// its minimum bin size); those contribute nothing to its score. Its public accessors take an input slot index but
/// reject any index at or beyond the number of kept shape functions, so when slots were dropped we read the same
/// arrays through reflection (ML.NET 5 field names), falling back to the public API only when nothing was dropped.
/// </summary>
internal sealed class MlNetShapeFunctions
{
    private readonly double[]?[] _upperBounds;
    private readonly double[]?[] _effects;

    private MlNetShapeFunctions(double[]?[] upperBounds, double[]?[] effects)
    {
        _upperBounds = upperBounds;
        _effects = effects;
    }

    public double Bias { get; private init; }

    public IReadOnlyList<double> UpperBounds(int slot) => _upperBounds[slot] ?? [];

    /// <summary>ML.NET's effect of one slot at a value: bin k when bound[k-1] &lt; value &lt;= bound[k].</summary>
    public double Effect(int slot, float value)
    {
        var bounds = _upperBounds[slot];
        var effects = _effects[slot];
        if (bounds is null || effects is null || bounds.Length == 0) return 0;
        int lo = 0, hi = bounds.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (bounds[mid] >= value) hi = mid; else lo = mid + 1;
        }
        return effects[lo];
    }

    public static MlNetShapeFunctions Read(GamModelParametersBase parameters, int slots)
    {
        var upper = new double[]?[slots];
        var effects = new double[]?[slots];
        if (parameters.NumberOfShapeFunctions == slots)
        {
            for (int s = 0; s < slots; s++)
            {
                upper[s] = parameters.GetBinUpperBounds(s).ToArray();
                effects[s] = parameters.GetBinEffects(s).ToArray();
            }
            return new MlNetShapeFunctions(upper, effects) { Bias = parameters.Bias };
        }

        const BindingFlags flags = BindingFlags.Instance | BindingFlags.NonPublic;
        var type = typeof(GamModelParametersBase);
        var map = type.GetField("_inputFeatureToShapeFunctionMap", flags)?.GetValue(parameters) as IReadOnlyDictionary<int, int>
            ?? (type.GetField("_inputFeatureToShapeFunctionMap", flags)?.GetValue(parameters) as Dictionary<int, int>);
        var allBounds = type.GetField("_binUpperBounds", flags)?.GetValue(parameters) as double[][];
        var allEffects = type.GetField("_binEffects", flags)?.GetValue(parameters) as double[][];
        if (map is null || allBounds is null || allEffects is null)
            throw new InvalidOperationException(
                $"ML.NET kept {parameters.NumberOfShapeFunctions} of {slots} features and this ML.NET version does not expose which; cannot convert its GAM.");
        foreach (var (input, shape) in map)
        {
            if (input < 0 || input >= slots) continue;
            upper[input] = allBounds[shape];
            effects[input] = allEffects[shape];
        }
        return new MlNetShapeFunctions(upper, effects) { Bias = parameters.Bias };
    }
}
