using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Bench;

/// <summary>Fits any engine by name with its default settings and times the fit alone.</summary>
internal static class Engines
{
    public static (IRiskScorer Scorer, double Seconds) FitTimed(string engine, CohortTable cohort, string outcome,
        IReadOnlyList<string> features, int[] trainingRows, int seed, IProgress<FitProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var spec = new ModelSpecification { Outcome = outcome, Features = features, Engine = engine, Seed = seed };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var scorer = TrainerCatalog.FitScorer(cohort, spec, trainingRows, progress, cancellationToken);
        return (scorer, clock.Elapsed.TotalSeconds);
    }
}
