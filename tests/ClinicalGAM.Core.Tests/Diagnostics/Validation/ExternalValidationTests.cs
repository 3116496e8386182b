using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Data.Derived;
using ClinicalGAM.Core.Diagnostics.Metrics;
using ClinicalGAM.Core.Diagnostics.Validation;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Tests.Operations;

namespace ClinicalGAM.Core.Tests.Diagnostics.Validation;

public class ExternalValidationTests
{
    // A one-term model on ratio = weight / height with cuts 1 and 2: risk rises with the ratio.
    private static GamModel RatioModel()
    {
        var binning = new FeatureBinning { Feature = "ratio", Kind = BinningKind.Continuous, Cuts = [1, 2], Min = 0, Max = 3 };
        var term = new GamTerm("ratio", [binning], [0, -1, 0, 1], [0, 0, 0, 0], [0, 10, 10, 10]);
        var info = new ModelInfo
        {
            Engine = "ebm", Outcome = "smm", Features = ["ratio"],
            DerivedFeatures = [new DerivedFeature("ratio", "weight / height")],
        };
        return new GamModel(info, -1, [term]);
    }

    private static CohortTable RatioCohort(double[] weight, double[] height, double[] smm) => new([
        new NumericColumn("weight", weight),
        new NumericColumn("height", height),
        new NumericColumn("smm", smm, ColumnKind.Binary),
    ]);

    [Fact]
    public void Missing_outcome_and_feature_are_named()
    {
        var cohort = new CohortTable([new NumericColumn("age", [20, 30, 40])]);

        var missing = ExternalValidation.MissingColumns(HandModel.Create(), cohort);

        Assert.Equal(["smm", "mode"], missing);
        var e = Assert.Throws<ExternalValidationException>(() => ExternalValidation.Evaluate(HandModel.Create(), cohort));
        Assert.Equal(["smm", "mode"], e.MissingColumns);
        Assert.Contains("'mode'", e.Message);
    }

    [Fact]
    public void A_derived_feature_is_not_missing_but_its_inputs_are()
    {
        var complete = RatioCohort([1, 2], [1, 1], [0, 1]);
        var lacksHeight = new CohortTable([new NumericColumn("weight", [1, 2]), new NumericColumn("smm", [0, 1], ColumnKind.Binary)]);

        Assert.Empty(ExternalValidation.MissingColumns(RatioModel(), complete));
        Assert.Equal(["height"], ExternalValidation.MissingColumns(RatioModel(), lacksHeight));
    }

    [Fact]
    public void The_models_formula_replaces_a_same_named_column_of_the_cohort()
    {
        var cohort = RatioCohort([3, 1, 5], [2, 2, 2], [0, 0, 1]).With(new NumericColumn("ratio", [99, 99, 99]));

        var prepared = ExternalValidation.Prepare(RatioModel(), cohort);

        Assert.Equal([1.5, 0.5, 2.5], ((NumericColumn)prepared["ratio"]).Values.ToArray());
    }

    [Fact]
    public void Metrics_are_those_of_the_models_risks_on_rows_with_a_known_outcome()
    {
        var weight = new double[] { 0.5, 1.5, 2.5, 0.6, 1.2, 2.8, 2.2, 0.4, 1.8, 2.9 };
        var height = Enumerable.Repeat(1.0, 10).ToArray();
        var smm = new double[] { 0, 0, 1, 0, 1, 1, 0, double.NaN, 0, 1 };
        var cohort = RatioCohort(weight, height, smm);
        var model = RatioModel();

        var result = ExternalValidation.Evaluate(model, cohort);

        var risk = model.Predict(ExternalValidation.Prepare(model, cohort));
        var known = Enumerable.Range(0, 10).Where(i => !double.IsNaN(smm[i])).ToArray();
        var y = known.Select(i => smm[i]).ToArray();
        var p = known.Select(i => risk[i]).ToArray();
        Assert.Equal(9, result.Rows);
        Assert.Equal(4, result.Events);
        Assert.Equal(1, result.ExcludedRows);
        Assert.Equal(BinaryMetrics.RocAuc(y, p), result.Auc.Auc, 12);
        Assert.True(result.Auc.Lower <= result.Auc.Auc && result.Auc.Auc <= result.Auc.Upper);
        Assert.Equal(BinaryMetrics.Brier(y, p), result.Brier, 12);
        Assert.Equal(BinaryMetrics.LogLoss(y, p), result.LogLoss, 12);
        Assert.Equal(BinaryMetrics.Calibration(y, p).Slope, result.Calibration.Slope, 9);
        Assert.Equal(p.Average(), result.MeanPredictedRisk, 12);
    }

    [Fact]
    public void A_numeric_feature_held_as_text_is_refused_by_name()
    {
        var cohort = new CohortTable([
            new CategoricalColumn("age", [0, 1], ["31", "<18"]),
            new CategoricalColumn("mode", [0, 1], ["vaginal", "caesarean"]),
            new NumericColumn("smm", [0, 1], ColumnKind.Binary),
        ]);

        var e = Assert.Throws<ExternalValidationException>(() => ExternalValidation.Prepare(HandModel.Create(), cohort));

        Assert.Contains("'age'", e.Message);
        Assert.Contains("<18", e.Message);
    }
}
