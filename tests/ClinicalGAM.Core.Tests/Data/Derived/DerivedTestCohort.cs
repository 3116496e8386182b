using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Data.Derived;

namespace ClinicalGAM.Core.Tests.Data.Derived;

/// <summary>Small cohorts and one-liners shared by the derived-feature tests.</summary>
internal static class DerivedTestCohort
{
    /// <summary>Five mothers: row 2 has a missing height, row 3 a recorded height of 0 (a data-entry error).</summary>
    public static CohortTable Mothers() => new([
        new CategoricalColumn("patient_id", [0, 1, 2, 3, 4], ["p1", "p2", "p3", "p4", "p5"], ColumnKind.Identifier),
        new NumericColumn("baby_weight_g", [3400, 2900, 3100, 3600, double.NaN]),
        new NumericColumn("maternal_height_cm", [165, 158, double.NaN, 0, 170]),
        new NumericColumn("weight_kg", [70, 82, 64, 90, 55]),
        new CategoricalColumn("delivery_mode", [0, 1, 0, -1, 2], ["vaginal", "cesarean", "assisted"]),
        new NumericColumn("preeclampsia", [0, 1, 0, 0, 1], ColumnKind.Binary),
    ]);

    /// <summary>The value of a formula without columns (evaluated on a one-row cohort).</summary>
    public static double Value(string formula)
    {
        var table = new CohortTable([new NumericColumn("x", [0.0])]);
        return DerivedFeatureEvaluator.Evaluate(table, new DerivedFeature("f", formula)).Column[0];
    }
}
