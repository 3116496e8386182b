using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Serialization;

namespace ClinicalGAM.Cli.Support;

/// <summary>The CLI's single door to model files and engines, so a change of format or catalogue touches one file.</summary>
internal static class ModelGateway
{
    public static bool IsGamEngine(string engine) => TrainerCatalog.IsGam(engine);

    public static IReadOnlyList<string> Engines => TrainerCatalog.AllNames;

    public static IRiskScorer Fit(CohortTable cohort, ModelSpecification specification, int[] trainingRows,
        IProgress<FitProgress>? progress, CancellationToken ct) =>
        TrainerCatalog.FitScorer(cohort, specification, trainingRows, progress, ct);

    public static void Write(GamModel model, Stream stream) => GamModelJson.Write(model, stream);

    public static GamModel Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"The model file '{path}' does not exist.", path);
        using var file = File.OpenRead(path);
        return GamModelJson.Read(file);
    }
}
