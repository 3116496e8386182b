using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Core.Tests.Diagnostics.Fairness;

/// <summary>
/// Planted truth: the outcome depends on "lactate" (strong), "proxy" and "bmi" (weak); "group" has no direct effect
/// but "proxy" = 1.5·[group = b] + noise carries part of its association; "panel_x" is pure noise and costly.
/// </summary>
internal static class PlantedProxyCohort
{
    public static readonly string[] Features = ["lactate", "proxy", "bmi", "panel_x", "group"];
    public static readonly Dictionary<string, double> Costs = new() { ["lactate"] = 5, ["proxy"] = 2, ["bmi"] = 1, ["panel_x"] = 100, ["group"] = 0 };

    public static CohortTable Create(int n = 4000, int seed = 7)
    {
        var rng = new SeededRandom(seed);
        var lactate = new double[n]; var proxy = new double[n]; var bmi = new double[n]; var noise = new double[n];
        var group = new int[n]; var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            group[i] = rng.NextBool(0.4) ? 1 : 0;
            lactate[i] = rng.NextNormal();
            proxy[i] = 1.5 * group[i] + rng.NextNormal();
            bmi[i] = rng.NextNormal();
            noise[i] = rng.NextNormal();
            double eta = -1.0 + 1.6 * lactate[i] + 0.9 * proxy[i] + 0.3 * bmi[i];
            y[i] = rng.NextBool(1 / (1 + Math.Exp(-eta))) ? 1 : 0;
        }
        return new CohortTable(
        [
            new NumericColumn("lactate", lactate), new NumericColumn("proxy", proxy), new NumericColumn("bmi", bmi),
            new NumericColumn("panel_x", noise), new CategoricalColumn("group", group, ["a", "b"]), new NumericColumn("died", y),
        ]);
    }

    /// <summary>The same patients with every row's group set to one level (everything else fixed).</summary>
    public static CohortTable WithGroup(CohortTable cohort, int code) =>
        new(cohort.Columns.Select(c => c.Name == "group" ? new CategoricalColumn("group", Enumerable.Repeat(code, cohort.RowCount).ToArray(), ["a", "b"]) : c).ToList());
}
