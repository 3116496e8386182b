using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Goodhart;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Storage;

namespace ClinicalGAM.Web.Services;

/// <summary>State of a Goodhart check running for one model.</summary>
public sealed class FlagRun : ModelTaskRun;

/// <summary>
/// Runs the Goodhart detectors on a saved model in the background (cancellable) and appends the result to the model's
/// flag history. The expected risk directions come from the cohort's data dictionary; the first date column is the
/// time axis for temporal drift.
/// </summary>
public sealed class FlagService(IWorkbenchStore store, CohortService cohorts, ILogger<FlagService> logger)
{
    private readonly ModelTaskRuns<FlagRun> _runs = new();

    public event Action<FlagRun>? Changed;

    public FlagRun? Find(int modelId) => _runs.Find(modelId);

    public Task<FlagCheck?> LatestAsync(int modelId) => store.LatestFlagsAsync(modelId);

    /// <summary>The model's most recent Goodhart check as recorded when it started (interrupted when the server stopped).</summary>
    public Task<CheckRunEntry?> LatestRunAsync(int modelId) => store.LatestCheckAsync(modelId, CheckRunRecord.Goodhart);

    public FlagRun Start(ModelEntry entry) =>
        _runs.Start(entry.Id, () => new FlagRun { ModelId = entry.Id }, run => RunAsync(entry, run));

    public void Cancel(int modelId) => _runs.Cancel(modelId);

    private async Task RunAsync(ModelEntry entry, FlagRun run)
    {
        var ct = run.Cancellation.Token;
        int? checkId = null;
        try
        {
            // Recorded first, so a server killed mid-check leaves a trace the model page shows at the next start.
            checkId = await store.StartCheckAsync(entry.Id, CheckRunRecord.Goodhart, ct);
            logger.LogInformation("Goodhart check {Check} of model {Model} started", checkId, entry.Id);
            var table = await cohorts.TableForAsync(entry);
            var dictionary = await cohorts.DictionaryAsync(entry.CohortId);
            var directions = dictionary.Where(d => d.Annotation.ExpectedDirection != ExpectedRiskDirection.Unspecified)
                .ToDictionary(d => d.Name, d => (int)d.Annotation.ExpectedDirection, StringComparer.Ordinal);
            var time = table.Columns.FirstOrDefault(c => c.Kind == ColumnKind.Date && c.Name != entry.Specification.Outcome)?.Name;
            var context = new GoodhartContext
            {
                Model = entry.Model, Data = table,
                Options = new GoodhartOptions { ExpectedDirections = directions, TimeColumn = time },
            };
            var trainer = TrainerCatalog.IsGam(entry.Model.Info.Engine) ? Modeling.CreateTrainer(entry.Specification) : null;
            var report = await Task.Run(() => GoodhartAnalyzer.CreateDefault(trainer).Report(context, ct), ct);
            await store.SaveFlagsAsync(entry.Id, report.Flags.Select(FlagView.From).ToList(), report.NotTestable, CancellationToken.None);
            await EndAsync(checkId, CheckRunStatus.Finished, $"{report.Flags.Count} flags, {report.NotTestable.Count} not testable");
            await store.AuditAsync("check", entry.Name, $"Goodhart check: {report.Flags.Count} flags, {report.NotTestable.Count} not testable",
                entry.CohortId, entry.Id, ct: CancellationToken.None);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            run.Error = "Cancelled; nothing was saved.";
            await EndAsync(checkId, CheckRunStatus.Cancelled, null);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Goodhart check of model {Model} failed", entry.Id);
            run.Error = ex.Message;
            await EndAsync(checkId, CheckRunStatus.Failed, ex.Message);
        }
        run.IsRunning = false;
        Changed?.Invoke(run);
    }

    // Best effort: failing to record the end must not hide the check's own outcome (a restart marks it interrupted).
    private async Task EndAsync(int? checkId, CheckRunStatus status, string? message)
    {
        if (checkId is not { } id) return;
        try { await store.EndCheckAsync(id, status, message, CancellationToken.None); }
        catch (Exception ex) { logger.LogWarning(ex, "Could not record the end of Goodhart check {Check}", id); }
    }
}
