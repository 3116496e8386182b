using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Data.Derived;
using ClinicalGAM.Core.Diagnostics.Metrics;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Validation;

namespace ClinicalGAM.Web.Services;

/// <summary>
/// The single place the web layer calls the data, engine and metrics components (so a contract change touches one file).
/// </summary>
public static class Modeling
{
    private static readonly Lazy<IReadOnlyList<string>> Available = new(() =>
        TrainerCatalog.Names.Where(IsAvailable).ToList());

    /// <summary>GAM engines this build can run, the preferred one first.</summary>
    public static IReadOnlyList<string> EngineNames => Available.Value;
    public static string DefaultEngine => EngineNames.Count > 0 ? EngineNames[0] : TrainerCatalog.Ebm;

    public static CohortTable ReadCsv(Stream stream, IReadOnlyDictionary<string, ColumnKind>? overrides,
        IProgress<double>? progress, CancellationToken ct) =>
        CohortCsvReader.Read(stream, new CsvReadOptions { KindOverrides = overrides ?? new Dictionary<string, ColumnKind>() }, progress, ct);

    /// <summary>A cohort file of any supported format (CSV, Excel sheet, Parquet), by the file name's extension.</summary>
    public static CohortTable ReadCohort(Stream stream, string fileName, CsvReadOptions options, IProgress<double>? progress,
        CancellationToken ct) =>
        CohortFileReader.Read(stream, CohortFileReader.FormatOf(fileName), options, progress, ct);

    /// <summary>A workbook's sheet names (empty for CSV and Parquet).</summary>
    public static IReadOnlyList<string> SheetNames(string path) => CohortFileReader.SheetNames(path);

    public static ColumnProfile Profile(CohortColumn column) => ColumnProfiler.Profile(column);

    /// <summary>Every problem with a derived-feature definition on this cohort (cheap: no rows are touched).</summary>
    public static IReadOnlyList<FormulaError> ValidateFormula(CohortTable table, DerivedFeature feature) =>
        DerivedFeatureEvaluator.Validate(table, feature);

    /// <summary>The derived column with missing-row counts and a preview of its first rows.</summary>
    public static DerivedFeatureResult EvaluateFormula(CohortTable table, DerivedFeature feature, int previewRows = 10) =>
        DerivedFeatureEvaluator.Evaluate(table, feature, previewRows);

    /// <summary>
    /// The cohort with each derived feature appended in order. A definition that no longer evaluates (e.g. a column it
    /// used was deleted) is skipped and named in <paramref name="skipped"/> instead of breaking the whole cohort.
    /// </summary>
    public static CohortTable ApplyDerived(CohortTable table, IEnumerable<DerivedFeature> derived, ICollection<string>? skipped = null)
    {
        foreach (var feature in derived)
        {
            if (DerivedFeatureEvaluator.Validate(table, feature).Count > 0)
            {
                skipped?.Add(feature.Name);
                continue;
            }
            table = DerivedFeatureEvaluator.Apply(table, [feature]);
        }
        return table;
    }

    /// <summary>The model remembering the derived features it uses, so scoring new data can recompute them.</summary>
    public static GamModel WithDerived(GamModel model, IEnumerable<DerivedFeature> derived) => model.WithDerivedFeatures(derived);

    public static double[] BinaryLabels(CohortTable table, string outcome) => OutcomeValidator.RequireBinary(table, outcome);

    public static DataSplit Split(double[] labels, double testFraction, int seed) =>
        CohortSplit.Stratified(labels, testFraction, seed);

    public static IGamTrainer CreateTrainer(ModelSpecification specification) => TrainerCatalog.Create(specification.Engine);

    /// <summary>k-fold cross-validation of the specification on the training rows only (folds dealt by the spec's seed).</summary>
    public static CrossValidationResult CrossValidate(CohortTable table, ModelSpecification specification, double[] labels,
        int[] trainingRows, int folds, IProgress<FitProgress>? progress, CancellationToken ct) =>
        new CrossValidation(CreateTrainer(specification)).Run(table, specification, labels, trainingRows, folds, specification.Seed, progress, ct);

    /// <summary>The metrics with the cross-validation summary added.</summary>
    public static ModelMetrics WithCrossValidation(ModelMetrics metrics, CrossValidationResult? cv) => cv is null ? metrics : metrics with
    {
        CvFolds = cv.Folds,
        CvSeed = cv.Seed,
        CvFoldAucs = cv.PerFold.Select(f => f.Auc).ToArray(),
        CvAucMean = cv.MeanAuc,
        CvAucSd = cv.AucStandardDeviation,
    };

    public static ModelMetrics TestMetrics(double[] labels, double[] risk, DataSplit split, double testFraction)
    {
        var y = split.Test.Select(i => labels[i]).ToArray();
        var p = split.Test.Select(i => risk[i]).ToArray();
        var auc = BinaryMetrics.RocAucConfidenceInterval(y, p);
        var calibration = BinaryMetrics.Calibration(y, p);
        return new ModelMetrics
        {
            TestAuc = auc.Auc,
            TestAucLow = auc.Lower,
            TestAucHigh = auc.Upper,
            TestLogLoss = BinaryMetrics.LogLoss(y, p),
            TestBrier = BinaryMetrics.Brier(y, p),
            CalibrationSlope = calibration.Slope,
            CalibrationIntercept = calibration.Intercept,
            TrainRows = split.Train.Length,
            TestRows = split.Test.Length,
            TestEvents = (int)y.Sum(),
            TestFraction = testFraction,
        };
    }

    private static bool IsAvailable(string engine)
    {
        try
        {
            TrainerCatalog.Create(engine);
            return true;
        }
        catch (NotSupportedException)
        {
            return false;
        }
    }
}
