using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling.Ebm;
using ClinicalGAM.Core.Modeling.MlNet;

namespace ClinicalGAM.Core.Modeling;

/// <summary>Maps an engine name (CLI --engine, stored specification) to the engine that fits it.</summary>
public static class TrainerCatalog
{
    public const string Ebm = "ebm";
    public const string MlNetGam = "mlnet-gam";
    public const string FastTree = FastTreeReference.EngineName;

    /// <summary>Engines that produce a GAM (shape functions, importances, JSON model), the default first.</summary>
    public static IReadOnlyList<string> Names { get; } = [Ebm, MlNetGam];

    /// <summary>Every engine a fit can name, including the black-box reference (which produces no GAM).</summary>
    public static IReadOnlyList<string> AllNames { get; } = [Ebm, MlNetGam, FastTree];

    public static bool IsGam(string engine) => Names.Contains(Normalize(engine));

    public static IGamTrainer Create(string engine) => Normalize(engine) switch
    {
        Ebm => CreateEbm(),
        MlNetGam => new MlNetGamTrainer(),
        FastTree => throw new ArgumentException(
            "'fasttree' is a black-box reference, not a GAM engine; use TrainerCatalog.FitScorer or FastTreeReference.Fit.", nameof(engine)),
        _ => throw new ArgumentException($"Unknown engine '{engine}'. Known engines: {string.Join(", ", AllNames)}.", nameof(engine)),
    };

    /// <summary>Fits whatever the specification names: a GAM (returned as its GamModel) or the FastTree reference.</summary>
    public static IRiskScorer FitScorer(CohortTable cohort, ModelSpecification specification, int[] trainingRows,
        IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Normalize(specification.Engine) == FastTree
            ? FastTreeReference.Fit(cohort, specification, trainingRows, progress, cancellationToken)
            : Create(specification.Engine).Fit(cohort, specification, trainingRows, progress, cancellationToken);

    private static string Normalize(string engine) => (engine ?? "").Trim().ToLowerInvariant();

    private static IGamTrainer CreateEbm() => new EbmTrainer();
}
