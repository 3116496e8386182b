using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Serialization;
using ClinicalGAM.Core.Serialization.InterpretMl;

namespace ClinicalGAM.Web.Services;

/// <summary>
/// Brings a model fitted elsewhere (InterpretML's <c>ebm.to_json</c>) into the workbench: read, checked against the
/// cohort it is to be read with, scored on that cohort's usual held-out split and saved like a fit of ours, so its page,
/// report, comparison, validation and Goodhart checks work unchanged. Nothing is saved when any step fails.
/// </summary>
public sealed class ModelImportService(IWorkbenchStore store, CohortService cohorts)
{
    /// <summary>Held-out fraction of the chosen cohort on which the imported model's metrics are computed (as for our fits).</summary>
    public const double EvaluationFraction = 0.2;

    /// <summary>Reads an InterpretML file; a file that is not a binary InterpretML model throws GamModelFormatException.</summary>
    public static GamModel Read(byte[] json, string outcome)
    {
        using var stream = new MemoryStream(json, writable: false);
        return InterpretMlJson.Read(stream, outcome);
    }

    /// <summary>The columns the model needs (its features and the outcome) that the cohort lacks; empty when it can be read with it.</summary>
    public static IReadOnlyList<string> MissingColumns(GamModel model, CohortTable cohort) =>
        model.Info.Features.Prepend(model.Info.Outcome).Where(c => !cohort.Contains(c)).Distinct().ToList();

    public Task<CohortTable> CohortAsync(int cohortId) => cohorts.TableAsync(cohortId);

    /// <summary>Scores the model on the cohort's held-out rows, saves it and returns its id.</summary>
    public async Task<int> ImportAsync(GamModel model, int cohortId, string name, CancellationToken ct = default)
    {
        var table = await cohorts.TableAsync(cohortId);
        var missing = MissingColumns(model, table);
        if (missing.Count > 0)
            throw new CohortFormatException($"The cohort lacks {string.Join(", ", missing.Select(m => $"'{m}'"))}, which the model needs.");
        string outcome = model.Info.Outcome;
        var labels = Modeling.BinaryLabels(table, outcome);
        // The model's own seed deals the rows, as a fit of ours would. The rows it was fitted on are unknown to us:
        // unless this cohort is new data for it, these "held-out" rows may include them (the page says so).
        var split = Modeling.Split(labels, EvaluationFraction, model.Info.Seed);
        var risk = await Task.Run(() => model.Predict(table, ct), ct);
        // Training rows: those InterpretML fitted on (the file's bin weights), not this cohort's other four fifths.
        var metrics = Modeling.TestMetrics(labels, risk, split, EvaluationFraction) with { TrainRows = model.Info.TrainingRows };
        var spec = new ModelSpecification
        {
            Outcome = outcome,
            Features = model.Info.Features,
            Engine = model.Info.Engine,
            Seed = model.Info.Seed,
            Bags = model.BagIntercepts?.Length,
            Interactions = model.Terms.Count(t => t.IsInteraction),
        };
        int id = await store.SaveModelAsync(cohortId, name, model, spec, metrics, ct);
        await store.AuditAsync("import", name, "InterpretML model imported", cohortId, id, ct: CancellationToken.None);
        return id;
    }
}
