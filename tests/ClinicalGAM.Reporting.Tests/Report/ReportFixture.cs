using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Goodhart;
using ClinicalGAM.Reporting.Report;

namespace ClinicalGAM.Reporting.Tests.Report;

/// <summary>Builds a report of the hand-made model on a seeded cohort, split 75/25 on the outcome.</summary>
internal static class ReportFixture
{
    public const string EvaluationText = "the 25% stratified test split of seed 7, held out from fitting";

    public static (ModelReport Report, double[] Labels, double[] Risk, DataSplit Split) Build(
        string modeName = "mode", IReadOnlyList<GoodhartFlag>? flags = null,
        IReadOnlyDictionary<string, ColumnDescription>? dictionary = null,
        ReportCrossValidation? crossValidation = null, IReadOnlyList<ReportExternalValidation>? externalValidations = null)
    {
        var model = TestModels.Model(modeName);
        var cohort = TestModels.Cohort(model, 3000, seed: 5, modeName);
        var labels = ((NumericColumn)cohort["smm"]).Values.ToArray();
        var split = CohortSplit.Stratified(labels, 0.25, 7);
        var report = new ModelReportBuilder().Build(new ModelReportInput
        {
            Model = model, Cohort = cohort, EvaluationRows = split.Test, TrainingRows = split.Train,
            EvaluationDescription = EvaluationText, CohortName = "synthetic SMM", SourceFile = "smm.csv",
            TimeColumn = "delivery_year", Flags = flags,
            Dictionary = dictionary ?? new Dictionary<string, ColumnDescription>(),
            CrossValidation = crossValidation, ExternalValidations = externalValidations ?? [],
        });
        return (report, labels, model.Predict(cohort), split);
    }
}
