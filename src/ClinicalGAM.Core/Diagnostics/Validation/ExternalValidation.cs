using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Data.Derived;
using ClinicalGAM.Core.Diagnostics.Metrics;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Diagnostics.Validation;

/// <summary>
/// External validation of a fitted model on another cohort without refitting: the model's derived features are
/// recomputed from the cohort with the model's own formulas (exactly as at fit time), every row with a known outcome
/// is scored, and discrimination and calibration are measured. Nothing about the model changes.
/// </summary>
public static class ExternalValidation
{
    /// <summary>
    /// The columns the cohort must hold for the model to be validated on it and does not: the outcome, the features
    /// that are not derived, and the inputs of the model's derived features (named as the user uploads them).
    /// Empty when the cohort is usable.
    /// </summary>
    public static IReadOnlyList<string> MissingColumns(GamModel model, CohortTable cohort) =>
        MissingColumns(model, cohort.Columns.Select(c => c.Name));

    /// <summary>As <see cref="MissingColumns(GamModel, CohortTable)"/> from the cohort's column names alone (no rows loaded).</summary>
    public static IReadOnlyList<string> MissingColumns(GamModel model, IEnumerable<string> columnNames)
    {
        var present = columnNames.ToHashSet(StringComparer.Ordinal);
        return RequiredColumns(model).Where(c => !present.Contains(c) && !IsDerived(model, c)).ToList();
    }

    /// <summary>The outcome, the features and the inputs of the model's derived features, in that order, without repeats.</summary>
    public static IReadOnlyList<string> RequiredColumns(GamModel model)
    {
        var required = new List<string> { model.Info.Outcome };
        required.AddRange(model.Info.Features);
        foreach (var derived in model.Info.DerivedFeatures)
            if (FormulaParser.TryParse(derived.Formula, out var node, out _))
                required.AddRange(FormulaValidator.Columns(node!));
        return required.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The cohort with the model's derived features (re)computed by the model's formulas. A column of the same name
    /// already in the cohort is replaced: the model must see the values it was fitted on, not a look-alike.
    /// Throws <see cref="ExternalValidationException"/> naming what is missing or unusable.
    /// </summary>
    public static CohortTable Prepare(GamModel model, CohortTable cohort)
    {
        var missing = MissingColumns(model, cohort);
        if (missing.Count > 0)
            throw new ExternalValidationException(
                $"The cohort lacks {string.Join(", ", missing.Select(m => $"'{m}'"))}, which the model needs.", missing);
        var derivedNames = model.Info.DerivedFeatures.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        if (derivedNames.Count > 0)
            cohort = new CohortTable(cohort.Columns.Where(c => !derivedNames.Contains(c.Name)).ToList());
        try
        {
            cohort = DerivedFeatureEvaluator.Apply(cohort, model.Info.DerivedFeatures);
        }
        catch (DerivedFeatureException e)
        {
            throw new ExternalValidationException($"A derived feature the model uses cannot be computed on this cohort: {e.Message}", []);
        }
        CheckKinds(model, cohort);
        return cohort;
    }

    /// <summary>Scores the cohort with the model and measures it (binary outcomes). Rows with a missing outcome are left out and counted.</summary>
    public static ExternalValidationResult Evaluate(GamModel model, CohortTable cohort, CancellationToken cancellationToken = default)
    {
        if (model.Info.Objective != Objective.LogLoss)
            throw new ExternalValidationException($"External validation needs a binary-outcome model; this one is {model.Info.Objective}.", []);
        var prepared = Prepare(model, cohort);
        double[] labels;
        try
        {
            labels = OutcomeValidator.RequireBinary(prepared, model.Info.Outcome, allowMissing: true);
        }
        catch (CohortFormatException e)
        {
            throw new ExternalValidationException($"The outcome '{model.Info.Outcome}' cannot be used here: {e.Message}", []);
        }
        var risk = model.Predict(prepared, cancellationToken);
        int known = labels.Count(l => !double.IsNaN(l));
        var y = new double[known];
        var p = new double[known];
        for (int i = 0, k = 0; i < labels.Length; i++)
        {
            if (double.IsNaN(labels[i])) continue;
            y[k] = labels[i];
            p[k++] = risk[i];
        }
        cancellationToken.ThrowIfCancellationRequested();
        return new ExternalValidationResult(
            Rows: known,
            Events: (int)y.Sum(),
            ExcludedRows: labels.Length - known,
            Auc: BinaryMetrics.RocAucConfidenceInterval(y, p),
            LogLoss: BinaryMetrics.LogLoss(y, p),
            Brier: BinaryMetrics.Brier(y, p),
            Calibration: BinaryMetrics.Calibration(y, p),
            MeanPredictedRisk: p.Average());
    }

    private static bool IsDerived(GamModel model, string column) =>
        model.Info.DerivedFeatures.Any(d => d.Name == column);

    // A numeric feature stored as text here (e.g. "12,5" or "<7") would silently fall in the missing bin: refuse it.
    private static void CheckKinds(GamModel model, CohortTable cohort)
    {
        var problems = new List<string>();
        foreach (var binning in model.Terms.SelectMany(t => t.Binnings).DistinctBy(b => b.Feature))
        {
            if (binning.Kind != BinningKind.Continuous || cohort.Find(binning.Feature) is not CategoricalColumn text) continue;
            var bad = text.Levels.Where(l => !double.TryParse(l, System.Globalization.NumberStyles.Float,
                System.Globalization.CultureInfo.InvariantCulture, out _)).Take(3).ToList();
            if (bad.Count > 0)
                problems.Add($"'{binning.Feature}' is numeric in the model but holds text here (e.g. {string.Join(", ", bad.Select(b => $"\"{b}\""))})");
        }
        if (problems.Count > 0)
            throw new ExternalValidationException(string.Join("; ", problems) + ".", []);
    }
}
