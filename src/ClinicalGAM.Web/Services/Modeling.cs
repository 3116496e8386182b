using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Web.Services.Interim;

namespace ClinicalGAM.Web.Services;

/// <summary>
/// The single place the web layer calls the data, engine and metrics components (so a contract change touches one file).
/// </summary>
public static class Modeling
{
    public static IReadOnlyList<string> EngineNames => InterimModeling.EngineNames;
    public static string DefaultEngine => EngineNames[0];

    public static CohortTable ReadCsv(Stream stream, IReadOnlyDictionary<string, ColumnKind>? overrides,
        IProgress<double>? progress, CancellationToken ct) => InterimCsvReader.Read(stream, overrides, progress, ct);

    public static ColumnSummary Profile(CohortColumn column) => InterimProfiler.Profile(column);

    public static double[] BinaryLabels(CohortTable table, string outcome) => InterimModeling.Labels(table, outcome);

    public static (int[] Train, int[] Test) Split(double[] labels, double testFraction, int seed) =>
        InterimModeling.Split(labels, testFraction, seed);

    public static IGamTrainer CreateTrainer(ModelSpecification specification) => InterimModeling.CreateTrainer(specification.Engine);

    public static ModelMetrics TestMetrics(double[] labels, double[] risk, int[] train, int[] test, double testFraction)
    {
        var y = test.Select(i => labels[i]).ToArray();
        var p = test.Select(i => risk[i]).ToArray();
        return new ModelMetrics
        {
            TestAuc = InterimModeling.Auc(y, p),
            TestLogLoss = InterimModeling.LogLoss(y, p),
            TestBrier = InterimModeling.Brier(y, p),
            TrainRows = train.Length,
            TestRows = test.Length,
            TestEvents = (int)y.Sum(),
            TestFraction = testFraction,
        };
    }
}
