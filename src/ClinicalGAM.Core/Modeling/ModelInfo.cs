using ClinicalGAM.Core.Data.Derived;

namespace ClinicalGAM.Core.Modeling;

/// <summary>How a model was made: enough to reproduce it and to report it.</summary>
public sealed record ModelInfo
{
    public string Engine { get; init; } = "";
    public string Outcome { get; init; } = "";
    public Objective Objective { get; init; } = Objective.LogLoss;
    public int Seed { get; init; }
    public string[] Features { get; init; } = [];
    public string? WeightColumn { get; init; }
    public int TrainingRows { get; init; }
    public double FitSeconds { get; init; }
    public DateTimeOffset CreatedUtc { get; init; } = DateTimeOffset.UtcNow;
    /// <summary>Engine settings as name/value text, shown in reports.</summary>
    public Dictionary<string, string> Settings { get; init; } = new();
    /// <summary>
    /// Columns the model computes from the data by formula, in order; scoring recomputes them on new data, so a
    /// feature may be one of these names without the data holding it.
    /// </summary>
    public IReadOnlyList<DerivedFeature> DerivedFeatures { get; init; } = [];
    /// <summary>Hand edits made to the fitted shapes, oldest first (empty for a model as fitted).</summary>
    public IReadOnlyList<Editing.ShapeEditRecord> Edits { get; init; } = [];
    /// <summary>The saved model this one was edited from; null for a model as fitted.</summary>
    public Editing.ModelParent? EditedFrom { get; init; }
    /// <summary>Stage times, rounds and passes of the fit that made this model (our engine only; not saved).</summary>
    public FitDiagnostics? Diagnostics { get; init; }
}
