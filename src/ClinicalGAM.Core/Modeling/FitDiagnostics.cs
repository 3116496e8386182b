namespace ClinicalGAM.Core.Modeling;

/// <summary>
/// Wall seconds of each top-level stage of an explainable-boosting fit (bags run in parallel inside a stage, so a
/// stage's time is that of its slowest bags). Purification of the pairs and the merge of the bags into one model are
/// one pass over the bags and are timed together.
/// </summary>
public sealed record FitStageTimings(
    double BinningSeconds,
    double MainEffectsSeconds,
    double PairRankingSeconds,
    double PairsSeconds,
    double PurificationAndMergeSeconds)
{
    public double TotalSeconds => BinningSeconds + MainEffectsSeconds + PairRankingSeconds + PairsSeconds + PurificationAndMergeSeconds;
}

/// <summary>
/// How a fit went, for benchmarks and for a reader asking why it took as long as it did: stage times, boosting rounds
/// per bag (smoothing included) and why each bag stopped, and the passes over the training rows each stage made
/// (a pass = one term histogram over one bag's training rows). Kept with the fitted model in memory, not saved.
/// </summary>
public sealed record FitDiagnostics
{
    public required FitStageTimings Timings { get; init; }
    /// <summary>Rounds of the main-effect stage, per bag.</summary>
    public int[] MainRounds { get; init; } = [];
    /// <summary>Rounds of the pair stage, per bag (empty without pairs).</summary>
    public int[] PairRounds { get; init; } = [];
    /// <summary>Bags (main and pair stages counted separately) that stopped at the round cap rather than by early stopping.</summary>
    public int StagesAtRoundCap { get; init; }
    /// <summary>The round cap that applied (MaxRounds, lowered on small cohorts).</summary>
    public long RoundCap { get; init; }
    public long MainPasses { get; init; }
    public long PairPasses { get; init; }
    /// <summary>Candidate pairs scored by FAST, summed over bags, and the rows each bag scored them on.</summary>
    public long RankedPairs { get; init; }
    public int RankingRowsPerBag { get; init; }
    /// <summary>Training rows per bag (the rows a boosting pass reads).</summary>
    public int BagTrainingRows { get; init; }
}
