using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.MeasurementValue;

namespace ClinicalGAM.Core.Diagnostics.Fairness;

/// <summary>
/// Reweighing (Kamiran and Calders 2012): each (group, outcome) cell of the training rows weighted so that the
/// attribute and the outcome are independent, (P(g)P(y)/P(g,y))^strength, then a refit with the attribute.
/// </summary>
public sealed class ReweighingStrategy : IFairnessStrategy
{
    public const string WeightColumn = "__fairness_weight";

    public string Name => "reweighing";

    public StrategyModel Build(FairnessSetting setting, CancellationToken cancellationToken)
    {
        double strength = setting.Options.Strength;
        var weights = Weights(setting.Labels, setting.Groups, setting.Split.Train, strength);
        var weighted = setting.Cohort.With(new NumericColumn(WeightColumn, weights));
        var model = FastRefit.Fit(weighted, setting.Outcome, setting.WithAttribute, setting.Split.Train, setting.Options.Seed,
            cancellationToken, WeightColumn);
        return new(model, $"training rows reweighed (Kamiran–Calders) at strength {strength:0.##}, refit with the attribute",
            setting.FastWithAttribute);
    }

    /// <summary>Weights from the training rows: (P(g)P(y)/P(g,y))^strength; other rows get weight 1 (unused).</summary>
    public static double[] Weights(double[] labels, string[] groups, int[] train, double strength)
    {
        var n = (double)train.Length;
        var pg = train.GroupBy(r => groups[r]).ToDictionary(g => g.Key, g => g.Count() / n);
        double py1 = train.Average(r => labels[r]);
        var pgy = train.GroupBy(r => (groups[r], labels[r])).ToDictionary(g => g.Key, g => g.Count() / n);
        var w = Enumerable.Repeat(1.0, labels.Length).ToArray();
        foreach (int r in train)
        {
            double py = labels[r] == 1 ? py1 : 1 - py1;
            w[r] = Math.Pow(pg[groups[r]] * py / pgy[(groups[r], labels[r])], strength);
        }
        return w;
    }
}
