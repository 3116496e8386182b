namespace ClinicalGAM.Core.Modeling;

/// <summary>What to fit: outcome, features, objective, seed and engine settings. Serialisable, so it can be saved and re-run.</summary>
public sealed record ModelSpecification
{
    public required string Outcome { get; init; }
    public required IReadOnlyList<string> Features { get; init; }
    public Objective Objective { get; init; } = Objective.LogLoss;
    /// <summary>Seed for every random choice (splits, bags, random splits). Defaults to 42.</summary>
    public int Seed { get; init; } = 42;
    public string? WeightColumn { get; init; }
    /// <summary>Engine name as in TrainerCatalog ("ebm", "mlnet-gam", "fasttree"). Defaults to "ebm".</summary>
    public string Engine { get; init; } = "ebm";
    /// <summary>Monotone constraints: feature name to +1 (increasing) or -1 (decreasing).</summary>
    public IReadOnlyDictionary<string, int> Monotone { get; init; } = new Dictionary<string, int>();
    /// <summary>Number of pairwise interactions; null = engine default (EBM: 3 x number of features), 0 = none.</summary>
    public int? Interactions { get; init; }
    /// <summary>Outer bags; null = engine default (EBM: 14).</summary>
    public int? Bags { get; init; }
    /// <summary>Features to treat as ordered categories, with their level order.</summary>
    public IReadOnlyDictionary<string, string[]> Ordinal { get; init; } = new Dictionary<string, string[]>();
    /// <summary>Hard cap on threads used by the fit (null = all cores). Results do not depend on it.</summary>
    public int? MaxThreads { get; init; }
}
