using System.Collections.Concurrent;
using System.Diagnostics;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Web.Services;

/// <summary>
/// Runs fits off the Blazor circuit (singleton), so a user can leave the page and come back. A failed or cancelled
/// fit only marks its own job; cohorts and earlier models are untouched. The model is saved only when the fit succeeds.
/// </summary>
/// Fits queue for a bounded number of slots (ClinicalGam:MaxConcurrentFits; default one per two cores, as each fit
/// already runs its bags on every core): more at once would only make each slower and risk memory.
public sealed class FitJobService(IWorkbenchStore store, CohortService cohorts, ILogger<FitJobService> logger,
    IConfiguration? configuration = null) : IDisposable
{
    private readonly ConcurrentDictionary<Guid, FitJob> _jobs = new();
    private readonly FitSlots _slots = new(MaxConcurrent(configuration));

    /// <summary>How many fits run at once; the rest wait in the order they were started.</summary>
    public int Slots => _slots.Count;

    // Per person: fits running or waiting at once (ClinicalGam:MaxFitsPerUser; default 3 in team mode, no limit alone),
    // so one user cannot fill the queue for everyone.
    private readonly int _perUser = configuration?.GetValue<int?>("ClinicalGam:MaxFitsPerUser")
                                    ?? (configuration?.GetValue("ClinicalGam:Accounts", false) == true ? 3 : 0);

    private static int MaxConcurrent(IConfiguration? configuration) =>
        Math.Max(1, configuration?.GetValue<int?>("ClinicalGam:MaxConcurrentFits") ?? Environment.ProcessorCount / 2);

    /// <summary>Raised (from a background thread) when a job's status or progress changes.</summary>
    public event Action<FitJob>? Changed;

    public IReadOnlyList<FitJob> Jobs(int? cohortId = null) =>
        _jobs.Values.Where(j => InScope(j) && (cohortId is null || j.CohortId == cohortId)).OrderByDescending(j => j.StartedUtc).ToList();

    public FitJob? Find(Guid id) => _jobs.GetValueOrDefault(id) is { } job && InScope(job) ? job : null;

    // Another project's jobs are not listed (outside any scope, e.g. tests, all are).
    private static bool InScope(FitJob job) => ClinicalGAM.Storage.ProjectScope.Current is not { } scope || scope.ProjectId == job.ProjectId;

    /// <summary>
    /// Starts a fit on the cohort's training rows (the stratified test fraction is held out). With
    /// <paramref name="crossValidationFolds"/> of 2 or more, the specification is first cross-validated on the training
    /// rows (k fits, out-of-fold AUC mean ± sd stored with the metrics); the saved model is still the fit on all of them.
    /// </summary>
    public FitJob Start(int cohortId, string name, ModelSpecification specification, double testFraction = 0.2, int crossValidationFolds = 0)
    {
        if (crossValidationFolds is 1 or < 0)
            throw new ArgumentException("Cross-validation needs at least 2 folds (0 = none).", nameof(crossValidationFolds));
        if (ClinicalGAM.Storage.ProjectScope.Current is { } scope && !scope.Allows(ClinicalGAM.Storage.ProjectRole.Analyst))
            throw new UnauthorizedAccessException("Fitting needs the analyst role in this project.");
        var job = NewJobWithinLimit(cohortId, name, specification, testFraction, crossValidationFolds);
        Enqueue(job);
        return job;
    }

    private void Enqueue(FitJob job)
    {
        var slot = _slots.EnterAsync(job, job.Cancellation.Token); // the place in line is taken now, in click order
        _ = Task.Run(() => RunAsync(job, slot));
    }

    /// <summary>
    /// Puts back in line a fit that was waiting when the server stopped (call in queue order, before serving users),
    /// under the project and person that started it: it runs as they asked, counts against their limit, and its
    /// progress and model land in their project. It is not refused for the per-person limit: it was accepted once.
    /// </summary>
    public FitJob Resume(QueuedFitEntry queued)
    {
        var scope = new ClinicalGAM.Storage.ProjectScope(queued.ProjectId, ClinicalGAM.Storage.ProjectRole.Analyst, queued.StartedBy,
            SiteAdmin: false, queued.StartedByUserId, "resumed after a restart");
        using (ClinicalGAM.Storage.ProjectScope.Enter(scope)) // the job records it, and its task runs in it
        {
            var job = new FitJob(queued.CohortId, queued.Name, queued.Specification, queued.TestFraction, queued.CrossValidationFolds)
            {
                RunId = queued.RunId,
                Resumed = true,
            };
            _jobs[job.Id] = job;
            Enqueue(job);
            return job;
        }
    }

    private readonly Lock _starting = new();
    private DateTime _lastQueued;

    private FitJob NewJobWithinLimit(int cohortId, string name, ModelSpecification specification, double testFraction, int crossValidationFolds)
    {
        lock (_starting)
        {
            // Strictly increasing, so a restart resumes the queue in click order even for two clicks in the same tick.
            var now = DateTime.UtcNow;
            _lastQueued = now > _lastQueued ? now : _lastQueued.AddTicks(1);
            var job = new FitJob(cohortId, name, specification, testFraction, crossValidationFolds) { QueuedUtc = _lastQueued };
            int mine = _jobs.Values.Count(j => j.IsActive && j.StartedBy == job.StartedBy);
            if (_perUser > 0 && mine >= _perUser)
                throw new FitLimitReachedException(
                    $"You already have {mine} fits running or waiting (at most {_perUser} per person): wait for one to finish, or cancel one.");
            _jobs[job.Id] = job;
            return job;
        }
    }

    public Task<int> SaveSpecAsync(string name, ModelSpecification specification, int? cohortId) =>
        store.SaveSpecAsync(name, specification, cohortId);

    public Task<IReadOnlyList<SavedSpec>> SavedSpecsAsync() => store.ListSpecsAsync();

    /// <summary>
    /// Re-runs a saved specification on a cohort (external validation: same outcome, features, engine and settings fitted
    /// and tested there). Throws ArgumentException naming the columns the cohort lacks.
    /// </summary>
    public async Task<FitJob> StartSavedAsync(int cohortId, SavedSpec saved, double testFraction = 0.2)
    {
        var missing = saved.MissingColumns(await cohorts.TableAsync(cohortId));
        if (missing.Count > 0)
            throw new ArgumentException($"This cohort lacks {string.Join(", ", missing)}, which '{saved.Name}' needs.");
        return Start(cohortId, $"{saved.Name} · re-run", saved.Specification, testFraction);
    }

    /// <summary>Fits a restart cut short (persisted runs), for the fits page to offer again.</summary>
    public Task<IReadOnlyList<InterruptedFit>> InterruptedAsync() => store.ListInterruptedFitsAsync();

    /// <summary>Starts the interrupted fit again with the same specification; the old run is marked as re-run.</summary>
    public async Task<FitJob> RerunAsync(InterruptedFit fit)
    {
        var job = Start(fit.CohortId, $"re-run of fit #{fit.RunId}", fit.Specification);
        await store.ResolveInterruptedFitAsync(fit.RunId, "re-run");
        return job;
    }

    public Task DismissAsync(InterruptedFit fit) => store.ResolveInterruptedFitAsync(fit.RunId, "dismissed");

    /// <summary>
    /// Drops finished jobs whose cohort (or model) was deleted, so no list offers a link to it. Running ones stay
    /// (a cohort is not deleted while fitted).
    /// </summary>
    public void ForgetFinished(int? cohortId = null, int? modelId = null)
    {
        foreach (var job in _jobs.Values)
            if (!job.IsActive && (job.CohortId == cohortId || (modelId is not null && job.ModelId == modelId)))
                _jobs.TryRemove(job.Id, out _);
    }

    public void Cancel(Guid id)
    {
        if (_jobs.TryGetValue(id, out var job) && InScope(job) && job.IsActive) job.Cancellation.Cancel();
    }

    private async Task RunAsync(FitJob job, Task slot)
    {
        var ct = job.Cancellation.Token;
        var spec = job.Specification;
        try
        {
            // Recorded before waiting, so a restart finds it in the queue and starts it again (a resumed job has its run).
            job.RunId ??= await store.QueueFitRunAsync(job, ct);
            if (!slot.IsCompleted)
            {
                Update(job, FitStatus.Queued, 0, $"waiting for a free fit slot ({Slots} running at once)");
                await slot;
            }
            await store.MarkFitRunningAsync(job.RunId.Value, ct);
            Update(job, FitStatus.Running, 0, "loading cohort");
            var table = await cohorts.TableAsync(job.CohortId);
            var labels = Modeling.BinaryLabels(table, spec.Outcome);
            var split = Modeling.Split(labels, job.TestFraction, spec.Seed);
            var trainer = Modeling.CreateTrainer(spec);
            // Each of the k fold fits costs about as much as the final fit: progress is shared out accordingly.
            int folds = job.CrossValidationFolds;
            double cvShare = folds >= 2 ? folds / (folds + 1.0) : 0;
            Core.Modeling.Validation.CrossValidationResult? cv = null;
            if (folds >= 2)
            {
                var cvProgress = new ThrottledProgress(p => Update(job, FitStatus.Running, 0.05 + 0.9 * cvShare * p.Fraction, p.Stage));
                cv = Modeling.CrossValidate(table, spec, labels, split.Train, folds, cvProgress, ct);
            }
            var progress = new ThrottledProgress(p => Update(job, FitStatus.Running,
                0.05 + 0.9 * (cvShare + (1 - cvShare) * p.Fraction), folds >= 2 ? $"final fit: {p.Stage}" : p.Stage));
            var clock = Stopwatch.StartNew();
            var model = trainer.Fit(table, spec, split.Train, progress, ct);
            clock.Stop();
            ct.ThrowIfCancellationRequested();
            Update(job, FitStatus.Running, 0.96, "scoring the test set");
            var risk = model.Predict(table, ct);
            var metrics = Modeling.WithCrossValidation(Modeling.TestMetrics(labels, risk, split, job.TestFraction), cv);
            model = new GamModel(model.Info with { FitSeconds = clock.Elapsed.TotalSeconds, TrainingRows = split.Train.Length },
                model.Intercept, model.Terms, model.BagIntercepts);
            model = Modeling.WithDerived(model, await cohorts.DerivedAsync(job.CohortId));
            job.ModelId = await store.SaveModelAsync(job.CohortId, job.Name, model, spec, metrics, CancellationToken.None);
            await store.AuditAsync("fit", job.Name, $"{spec.Engine}, {spec.Features.Count} features, seed {spec.Seed}; test AUC {metrics.TestAuc:0.000}",
                job.CohortId, job.ModelId, ct: CancellationToken.None);
            await FinishAsync(job, FitStatus.Succeeded, 1, "done");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await FinishAsync(job, FitStatus.Cancelled, job.Fraction, "cancelled");
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Fit {Job} failed", job.Id);
            job.Error = ex.Message;
            await FinishAsync(job, FitStatus.Failed, job.Fraction, "failed");
        }
        finally
        {
            _slots.Leave(job, slot);
        }
    }

    // The run's final state is recorded before pages are told, so what a page shows is already saved.
    private async Task FinishAsync(FitJob job, FitStatus status, double fraction, string stage)
    {
        try
        {
            if (job.RunId is { } runId) await store.FinishFitRunAsync(runId, status, job.ModelId, job.Error);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not record the outcome of fit {Job}", job.Id);
        }
        Update(job, status, fraction, stage);
    }

    private void Update(FitJob job, FitStatus status, double fraction, string stage)
    {
        job.Status = status;
        job.Fraction = Math.Clamp(fraction, 0, 1);
        job.Stage = stage;
        if (status == FitStatus.Running && job.RunId is { } runId)
            _ = store.ReportFitProgressAsync(runId, job.Fraction, stage).ContinueWith(
                t => logger.LogDebug(t.Exception, "Progress of run {Run} not recorded", runId), TaskContinuationOptions.OnlyOnFaulted);
        Changed?.Invoke(job);
    }

    public void Dispose()
    {
        foreach (var job in _jobs.Values) job.Cancellation.Cancel();
    }

    /// <summary>Forwards at most ~8 progress reports a second so the page does not re-render on every boosting round.</summary>
    private sealed class ThrottledProgress(Action<FitProgress> forward) : IProgress<FitProgress>
    {
        private long _last;

        public void Report(FitProgress value)
        {
            long now = Environment.TickCount64;
            if (now - Interlocked.Read(ref _last) < 120 && value.Fraction < 1) return;
            Interlocked.Exchange(ref _last, now);
            forward(value);
        }
    }
}
