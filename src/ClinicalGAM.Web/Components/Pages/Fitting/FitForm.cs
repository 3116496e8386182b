using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Web.Components.Pages.Fitting;

/// <summary>State of the fit form: choices offered by the cohort and what the user picked.</summary>
public sealed class FitForm
{
    public IReadOnlyList<ColumnProfile> Columns { get; private init; } = [];
    public IReadOnlyList<string> OutcomeChoices { get; private init; } = [];
    public HashSet<string> Selected { get; } = new(StringComparer.Ordinal);
    public string? Outcome { get; set; }
    public string Engine { get; set; } = Modeling.DefaultEngine;
    public int Seed { get; set; } = 42;
    public int Interactions { get; set; } = 10;
    public int Bags { get; set; } = 8;
    public double TestFraction { get; set; } = 0.2;
    /// <summary>Also run k-fold cross-validation on the training rows (k extra fits) before the final fit.</summary>
    public bool CrossValidate { get; set; }
    /// <summary>k for cross-validation, 2 to 20. Defaults to 5.</summary>
    public int Folds { get; set; } = Core.Modeling.Validation.CrossValidation.DefaultFolds;

    /// <summary>The k the fit job runs: 0 when cross-validation is off. Throws ArgumentException for k outside 2..20.</summary>
    public int CrossValidationFolds => !CrossValidate ? 0
        : Folds is >= 2 and <= 20 ? Folds
        : throw new ArgumentException($"Cross-validation needs 2 to 20 folds, not {Folds}.");
    public string? Name { get; set; }
    /// <summary>Monotone constraint per feature: +1 increasing, -1 decreasing; absent (or 0) = none.</summary>
    public Dictionary<string, int> Monotone { get; } = new(StringComparer.Ordinal);

    /// <summary>Selected features a monotone constraint makes sense for (ordered numbers, not binary or categorical).</summary>
    public IEnumerable<ColumnProfile> MonotoneChoices =>
        FeatureChoices.Where(c => c.Kind == ColumnKind.Numeric && Selected.Contains(c.Name));

    public int MonotoneOf(string feature) => Monotone.GetValueOrDefault(feature);

    public void SetMonotone(string feature, int direction)
    {
        if (direction == 0) Monotone.Remove(feature); else Monotone[feature] = Math.Sign(direction);
    }

    /// <summary>Columns that may be features: everything but identifiers and the outcome.</summary>
    public IEnumerable<ColumnProfile> FeatureChoices =>
        Columns.Where(c => c.Kind != ColumnKind.Identifier && c.Name != Outcome);

    public bool CanStart => Outcome is not null && Selected.Any(f => f != Outcome);

    public static FitForm For(CohortOverview overview)
    {
        var outcomes = overview.Columns.Where(c => c.Kind == ColumnKind.Binary).Select(c => c.Name).ToList();
        var form = new FitForm { Columns = overview.Columns, OutcomeChoices = outcomes };
        // The sample cohort's outcome is "smm"; otherwise the last binary column is the usual place for it.
        form.Outcome = outcomes.Contains("smm") ? "smm" : outcomes.LastOrDefault();
        form.SelectAll();
        return form;
    }

    public void SelectAll()
    {
        Selected.Clear();
        foreach (var c in FeatureChoices) Selected.Add(c.Name);
    }

    public void Toggle(string feature, bool on)
    {
        if (on) Selected.Add(feature); else Selected.Remove(feature);
    }

    public string ModelName() => string.IsNullOrWhiteSpace(Name) ? $"{Outcome} · {Engine} · seed {Seed}" : Name.Trim();

    public ModelSpecification ToSpecification()
    {
        if (Outcome is null) throw new ArgumentException("Choose an outcome.");
        var features = FeatureChoices.Select(c => c.Name).Where(Selected.Contains).ToArray();
        if (features.Length == 0) throw new ArgumentException("Choose at least one feature.");
        return new ModelSpecification
        {
            Outcome = Outcome, Features = features, Engine = Engine, Seed = Seed,
            Interactions = Interactions, Bags = Bags,
            Monotone = features.Where(f => MonotoneOf(f) != 0).ToDictionary(f => f, MonotoneOf, StringComparer.Ordinal),
        };
    }
}
