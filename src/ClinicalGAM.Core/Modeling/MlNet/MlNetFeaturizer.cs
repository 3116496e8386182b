using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Core.Modeling.MlNet;

/// <summary>
/// Turns cohort features into ML.NET's dense float vector, learnt on the training rows only. ML.NET's GAM has no
/// missing-value or categorical handling of its own, so: a numeric feature becomes its value (missing filled with the
/// training median) plus, when the training rows have missing values, a 0/1 "missing" indicator; a categorical feature
/// becomes one 0/1 indicator per level seen in training (missing and unseen levels fire none). Slots that are constant
/// on the training rows are dropped, since they carry no information (and ML.NET would drop them itself).
/// Every slot depends on one cohort feature only, so per-feature sums of ML.NET's shape functions are still exact
/// shape functions of that feature.
/// </summary>
internal sealed class MlNetFeaturizer
{
    internal enum SlotKind { Value, MissingIndicator, LevelIndicator }

    internal sealed record Slot(int FeatureIndex, SlotKind Kind, string? Level);

    internal sealed record FeaturePlan(string Name, bool IsCategorical, double FillValue, string[] Levels, double Min, double Max);

    private MlNetFeaturizer(FeaturePlan[] features, Slot[] slots)
    {
        Features = features;
        Slots = slots;
    }

    public FeaturePlan[] Features { get; }
    public Slot[] Slots { get; }

    public static MlNetFeaturizer Learn(CohortTable cohort, IReadOnlyList<string> features, int[] rows)
    {
        var plans = new FeaturePlan[features.Count];
        var slots = new List<Slot>();
        for (int f = 0; f < features.Count; f++)
        {
            var column = cohort.Find(features[f]) ?? throw new CohortFormatException("The feature column is missing.", column: features[f]);
            switch (column)
            {
                case NumericColumn num:
                {
                    var values = new List<double>(rows.Length);
                    int missing = 0;
                    foreach (int r in rows)
                        if (double.IsNaN(num[r])) missing++; else values.Add(num[r]);
                    values.Sort();
                    double fill = values.Count == 0 ? 0 : values[values.Count / 2];
                    double min = values.Count == 0 ? double.NaN : values[0], max = values.Count == 0 ? double.NaN : values[^1];
                    plans[f] = new FeaturePlan(column.Name, false, fill, [], min, max);
                    if (values.Count > 0 && min < max) slots.Add(new Slot(f, SlotKind.Value, null));
                    if (missing > 0 && missing < rows.Length) slots.Add(new Slot(f, SlotKind.MissingIndicator, null));
                    break;
                }
                case CategoricalColumn cat:
                {
                    var counts = new int[cat.Levels.Count];
                    int missing = 0;
                    foreach (int r in rows)
                        if (cat[r] < 0) missing++; else counts[cat[r]]++;
                    var levels = Enumerable.Range(0, counts.Length).Where(l => counts[l] > 0).Select(l => cat.Levels[l]).ToArray();
                    plans[f] = new FeaturePlan(column.Name, true, double.NaN, levels, double.NaN, double.NaN);
                    for (int l = 0; l < counts.Length; l++)
                        if (counts[l] > 0 && counts[l] < rows.Length) slots.Add(new Slot(f, SlotKind.LevelIndicator, cat.Levels[l]));
                    break;
                }
            }
        }
        return new MlNetFeaturizer(plans, slots.ToArray());
    }

    /// <summary>Feature vectors for the given rows, [row][slot].</summary>
    public float[][] Transform(CohortTable cohort, int[] rows)
    {
        var result = new float[rows.Length][];
        for (int k = 0; k < rows.Length; k++) result[k] = new float[Slots.Length];
        for (int s = 0; s < Slots.Length; s++)
        {
            var slot = Slots[s];
            var plan = Features[slot.FeatureIndex];
            var column = cohort.Find(plan.Name);
            switch (slot.Kind)
            {
                case SlotKind.Value:
                    for (int k = 0; k < rows.Length; k++)
                    {
                        double v = column is NumericColumn n ? n[rows[k]] : double.NaN;
                        result[k][s] = (float)(double.IsNaN(v) ? plan.FillValue : v);
                    }
                    break;
                case SlotKind.MissingIndicator:
                    for (int k = 0; k < rows.Length; k++)
                        result[k][s] = column is NumericColumn n && !double.IsNaN(n[rows[k]]) ? 0f : 1f;
                    break;
                case SlotKind.LevelIndicator:
                    if (column is CategoricalColumn c)
                    {
                        int code = IndexOf(c.Levels, slot.Level!);
                        for (int k = 0; k < rows.Length; k++) result[k][s] = code >= 0 && c[rows[k]] == code ? 1f : 0f;
                    }
                    break;
            }
        }
        return result;
    }

    private static int IndexOf(IReadOnlyList<string> levels, string level)
    {
        for (int i = 0; i < levels.Count; i++) if (levels[i] == level) return i;
        return -1;
    }
}
