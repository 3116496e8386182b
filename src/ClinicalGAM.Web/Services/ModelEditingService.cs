using System.Diagnostics;
using System.Text.RegularExpressions;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Editing;


namespace ClinicalGAM.Web.Services;

/// <summary>Metrics of the fitted model, the model before the last edit and now, on one scope, with how long it took.</summary>
public sealed record EditMetricsView(MetricScope Scope, LiveMetricsResult Fitted, LiveMetricsResult Before, LiveMetricsResult Now, double Milliseconds);

/// <summary>
/// One reviewer's editing of one saved model (scoped to the browser circuit, so two reviewers never share an undo
/// stack). Loads the model's cohort and held-out rows once; every edit then refreshes the metrics from cached bins.
/// Saving writes a new version of the same lineage; the model it was edited from is never changed.
/// </summary>
public sealed partial class ModelEditingService(IWorkbenchStore store, CohortService cohorts, ModelViewService views)
{
    /// <summary>Share of the training rows used as the editor's validation rows (seeded by the model's split seed).</summary>
    public const double ValidationShare = 0.2;

    public ModelEntry? Entry { get; private set; }
    public EditSession? Session { get; private set; }
    public string Lineage { get; private set; } = "";
    public int Version { get; private set; }
    /// <summary>Categorical columns with few enough levels to slice the metrics by.</summary>
    public IReadOnlyList<(string Column, IReadOnlyList<string> Levels)> Slices { get; private set; } = [];
    public event Action? Changed;

    private LiveMetrics? _live;
    private CohortTable? _table;
    private double[] _labels = [];
    private DataSplit? _split;
    private readonly Dictionary<(MetricScope, double), LiveMetricsResult> _fittedCache = new();

    /// <param name="reopen">Load again even when this model is open (after saving, to continue from the saved version).</param>
    public async Task<bool> OpenAsync(int modelId, bool reopen = false)
    {
        if (!reopen && Entry?.Id == modelId && Session is not null) return true;
        var entry = await store.FindModelAsync(modelId);
        if (entry is null) return false;
        var table = await cohorts.TableForAsync(entry);
        await Task.Run(() =>
        {
            _labels = Modeling.BinaryLabels(table, entry.Specification.Outcome);
            _split = Modeling.Split(_labels, entry.Metrics.TestFraction, entry.Specification.Seed);
            // Validation rows: a seeded share of the training rows, stratified. The bags saw them in fitting, so the
            // test rows stay the honest check; validation shows an edit's effect without spending the test set.
            var trainLabels = _split.Train.Select(i => _labels[i]).ToArray();
            var pick = CohortSplit.Stratified(trainLabels, ValidationShare, entry.Specification.Seed + 1).Test;
            _live = new LiveMetrics(table, _labels, pick.Select(k => _split.Train[k]).ToArray(), _split.Test);
        });
        _table = table;
        Entry = entry;
        var match = VersionSuffix().Match(entry.Name);
        (Lineage, Version) = match.Success ? (entry.Name[..match.Index], int.Parse(match.Groups[1].Value)) : (entry.Name, 1);
        Session = new EditSession(entry.Model, new ModelParent(entry.Id, Lineage, Version));
        Slices = table.Columns.OfType<CategoricalColumn>().Where(c => c.Levels.Count is >= 2 and <= 12 && c.Name != entry.Specification.Outcome)
            .Select(c => (c.Name, (IReadOnlyList<string>)c.Levels.ToList())).ToList();
        _fittedCache.Clear();
        return true;
    }

    public int ValidationRows => _live?.ValidationRows.Length ?? 0;
    public int TestRows => _live?.TestRows.Length ?? 0;

    public ShapeEditRecord Apply(ShapeEdit edit, GamModel? donor = null, string? donorName = null)
    {
        var record = Require().Apply(edit, donor, donorName);
        Changed?.Invoke();
        return record;
    }

    public void Undo() { Require().Undo(); Changed?.Invoke(); }
    public void Redo() { Require().Redo(); Changed?.Invoke(); }
    public void JumpTo(int position) { Require().JumpTo(position); Changed?.Invoke(); }

    public EditMetricsView Metrics(MetricScope scope, double threshold)
    {
        var session = Require();
        var clock = Stopwatch.StartNew();
        // Selected-cell scopes change with every drag: only whole-set and slice scopes are worth caching.
        bool cacheable = scope is not MetricScope.SelectedCells;
        if (!cacheable || !_fittedCache.TryGetValue((scope, threshold), out var fitted))
        {
            fitted = _live!.Evaluate(session.Fitted, scope, threshold);
            if (cacheable) _fittedCache[(scope, threshold)] = fitted;
        }
        var now = _live!.Evaluate(session.Current, scope, threshold);
        var before = session.Position == 0 ? now : _live.Evaluate(session.Previous, scope, threshold);
        return new EditMetricsView(scope, fitted, before, now, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>Each term's contribution to test AUC and log loss (drop-one, paired bootstrap), on the current model.</summary>
    public Task<IReadOnlyList<Core.Modeling.Editing.TermContribution>> ContributionsAsync(IProgress<double>? progress, CancellationToken ct) =>
        Task.Run(() => TermContributions.Compute(Require().Current, _table!, _labels, _split!.Test, Entry!.Specification.Seed,
            progress: progress, ct: ct), ct);

    /// <summary>Other saved models with the same outcome: candidates to take a term from.</summary>
    public async Task<IReadOnlyList<ModelListItem>> DonorsAsync() =>
        (await store.ListModelsAsync()).Where(m => m.Id != Entry?.Id && m.Outcome == Entry?.Specification.Outcome).ToList();

    public async Task<(GamModel Model, string Name)?> LoadDonorAsync(int id) =>
        await store.FindModelAsync(id) is { } e ? (e.Model, $"{e.Name} (#{e.Id})") : null;

    /// <summary>Saves the current model as the next version of the lineage, with its history and a version note.</summary>
    public async Task<int> SaveAsync(string note, CancellationToken ct = default)
    {
        var session = Require();
        if (string.IsNullOrWhiteSpace(note)) throw new ArgumentException("Say what this version is for: the note is part of its history.");
        if (session.Applied.Count == 0) throw new InvalidOperationException("There are no edits to save.");
        var model = session.ToVersion();
        model = model.WithInfo(model.Info with
        {
            Settings = new Dictionary<string, string>(model.Info.Settings) { ["version note"] = note.Trim() },
            CreatedUtc = DateTimeOffset.UtcNow,
        });
        var risk = model.Predict(_table!, ct);
        var metrics = Modeling.TestMetrics(_labels, risk, _split!, Entry!.Metrics.TestFraction);
        int id = await store.SaveModelAsync(Entry.CohortId, Lineage, model, Entry.Specification, metrics, ct);
        await store.AuditAsync("edit", $"{Lineage} (new version of #{Entry.Id})",
            $"{session.Applied.Count} edit(s): {string.Join("; ", session.Applied.Select(e => e.Summary()))}; note: {note.Trim()}",
            Entry.CohortId, id, ct: CancellationToken.None);
        views.Invalidate(id);
        // Further edits continue from the saved version (its history carried), so the next save is its child.
        await OpenAsync(id, reopen: true);
        Changed?.Invoke();
        return id;
    }

    private EditSession Require() => Session ?? throw new InvalidOperationException("No model is open for editing.");

    [GeneratedRegex(@" v(\d+)$")]
    private static partial Regex VersionSuffix();
}
