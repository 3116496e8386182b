using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Goodhart;

namespace ClinicalGAM.Core.Tests.Diagnostics.Goodhart;

public class TreatmentStratifiedViewTests
{
    [Fact]
    public void Treated_and_untreated_curves_part_where_treatment_works()
    {
        // Risk falls with the marker; patients below 4 are mostly treated and treatment halves their excess risk.
        var rng = new Random(9);
        int n = 30_000;
        var x = new double[n]; var treated = new double[n]; var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = 10 * rng.NextDouble();
            treated[i] = x[i] < 4 ? (rng.NextDouble() < 0.8 ? 1 : 0) : (rng.NextDouble() < 0.05 ? 1 : 0);
            double risk = -0.3 * (x[i] - 5) - (treated[i] == 1 ? 1.0 : 0);
            y[i] = rng.NextDouble() < 1 / (1 + Math.Exp(-(-2 + risk))) ? 1 : 0;
        }
        var data = new CohortTable([new NumericColumn("marker", x), new NumericColumn("treated", treated, ColumnKind.Binary),
            new NumericColumn("event", y, ColumnKind.Binary)]);
        var term = HandBuiltTerms.Build("marker", v => -0.3 * (v - 5), 1, from: 0.5, to: 10, step: 0.5);
        var context = new GoodhartContext
        {
            Model = HandBuiltTerms.Model("event", term),
            Data = data,
            Options = new GoodhartOptions { TreatmentColumn = "treated" },
        };

        var view = TreatmentStratifiedView.Compute(context, groups: 5);

        var shape = Assert.Single(view!.Shapes);
        var untreated = shape.Strata.Single(s => s.Label == "untreated");
        var treatedCurve = shape.Strata.Single(s => s.Label == "treated");
        Assert.Equal(n, untreated.Rows + treatedCurve.Rows);
        // Lowest group (marker < 2): treated patients sit about 1 log-odds below the untreated.
        double gap = untreated.Score[0] - treatedCurve.Score[0];
        Assert.InRange(gap, 0.6, 1.4);
        Assert.True(gap > 3 * Math.Sqrt(untreated.StandardError[0] * untreated.StandardError[0] +
            treatedCurve.StandardError[0] * treatedCurve.StandardError[0]));
    }
}
