using System.Collections.Concurrent;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Data.Derived;
using ClinicalGAM.Storage;

namespace ClinicalGAM.Web.Services;

/// <summary>
/// Cohort lists, overviews and tables for the pages. Loaded tables and profiles are kept in memory per cohort id
/// (cohorts are immutable once saved), so moving between pages does not re-read the database.
/// </summary>
public sealed class CohortService(IWorkbenchStore store)
{
    private readonly ConcurrentDictionary<(int Project, int Id), Lazy<Task<CohortTable>>> _tables = new();
    private readonly ConcurrentDictionary<(int Project, int Id), Lazy<Task<CohortOverview>>> _overviews = new();

    // Cached per project as well as id: a cohort is only ever found from its own project, so a cached table is never
    // handed to a user of another project who guesses its id (the store's project filter decides on a cache miss).
    private static (int Project, int Id) Key(int id) => (ProjectScope.Current?.ProjectId ?? -1, id);

    /// <summary>
    /// Every stored cohort; <see cref="CohortEntry.Columns"/> counts its derived features too (what a fit can use),
    /// as the cohort page does.
    /// </summary>
    public async Task<IReadOnlyList<CohortEntry>> ListAsync(CancellationToken ct = default)
    {
        var list = await store.ListCohortsAsync(ct);
        var result = new List<CohortEntry>(list.Count);
        foreach (var entry in list)
            result.Add(entry with { Columns = entry.Columns + (await store.ListDerivedFeaturesAsync(entry.Id, ct)).Count });
        return result;
    }

    private readonly ConcurrentDictionary<(int Project, int Id), Lazy<Task<CohortTable>>> _raw = new();

    /// <summary>The cohort as uploaded plus its derived features (what fits, profiles and model pages use).</summary>
    public Task<CohortTable> TableAsync(int id) =>
        _tables.GetOrAdd(Key(id), key => new Lazy<Task<CohortTable>>(() => BuildTableAsync(key.Id))).Value;

    /// <summary>
    /// The cohort a saved model is read against: <see cref="TableAsync"/> plus any derived feature the model remembers that
    /// the cohort no longer defines (deleted after the fit), so its page, report and exports keep working.
    /// </summary>
    public async Task<CohortTable> TableForAsync(ModelEntry entry)
    {
        var table = await TableAsync(entry.CohortId);
        var lacking = entry.Model.Info.DerivedFeatures.Where(d => !table.Contains(d.Name)).ToList();
        return lacking.Count == 0 ? table : Modeling.ApplyDerived(table, lacking);
    }

    /// <summary>The cohort as uploaded, without derived features.</summary>
    public Task<CohortTable> RawTableAsync(int id) =>
        _raw.GetOrAdd(Key(id), key => new Lazy<Task<CohortTable>>(() => store.LoadCohortAsync(key.Id))).Value;

    public Task<IReadOnlyList<DerivedFeature>> DerivedAsync(int id) => store.ListDerivedFeaturesAsync(id);

    /// <summary>
    /// Validates and stores a derived feature, then refreshes the cached table and profiles so it shows everywhere.
    /// Throws ArgumentException with the first problem (syntax, unknown column, name taken).
    /// </summary>
    public async Task AddDerivedAsync(int id, string name, string formula)
    {
        var feature = new DerivedFeature(name.Trim(), formula.Trim());
        var errors = Modeling.ValidateFormula(await TableAsync(id), feature);
        if (errors.Count > 0) throw new ArgumentException(errors[0].Message);
        await store.AddDerivedFeatureAsync(id, feature.Name, feature.Formula);
        Invalidate(id);
    }

    public async Task<bool> DeleteDerivedAsync(int id, string name)
    {
        bool removed = await store.DeleteDerivedFeatureAsync(id, name);
        Invalidate(id);
        return removed;
    }

    private async Task<CohortTable> BuildTableAsync(int id)
    {
        var raw = await RawTableAsync(id);
        var derived = await store.ListDerivedFeaturesAsync(id);
        return derived.Count == 0 ? raw : await Task.Run(() => Modeling.ApplyDerived(raw, derived));
    }

    /// <summary>Drops everything kept in memory of a deleted cohort, in every project's cache.</summary>
    public void Forget(int id)
    {
        foreach (var cache in new[] { _tables, _raw })
            foreach (var key in cache.Keys.Where(k => k.Id == id)) cache.TryRemove(key, out _);
        foreach (var key in _overviews.Keys.Where(k => k.Id == id)) _overviews.TryRemove(key, out _);
    }

    private void Invalidate(int id)
    {
        _tables.TryRemove(Key(id), out _);
        _overviews.TryRemove(Key(id), out _);
    }

    public Task<CohortOverview> OverviewAsync(int id) =>
        _overviews.GetOrAdd(Key(id), key => new Lazy<Task<CohortOverview>>(() => BuildOverviewAsync(key.Id))).Value;

    public async Task<int> SaveAsync(CohortTable table, string name, string source, CancellationToken ct = default)
    {
        int id = await store.SaveCohortAsync(table, name, source, ct);
        _raw[Key(id)] = new Lazy<Task<CohortTable>>(Task.FromResult(table));
        await store.AuditAsync("upload", name, $"{table.RowCount:N0} rows × {table.Columns.Count} columns from {source}", cohortId: id, ct: CancellationToken.None);
        return id;
    }

    /// <summary>Outcome rate per calendar year (or other date unit, floored) of a date column; missing years skipped.</summary>
    public async Task<IReadOnlyList<(int Year, int Count, double Rate)>> PrevalenceByYearAsync(int id, string outcome, string dateColumn)
    {
        var table = await TableAsync(id);
        if (table.Find(outcome) is not NumericColumn y || table.Find(dateColumn) is not NumericColumn date) return [];
        var groups = new SortedDictionary<int, (int N, double Events)>();
        for (int i = 0; i < table.RowCount; i++)
        {
            if (double.IsNaN(y[i]) || double.IsNaN(date[i])) continue;
            int year = (int)Math.Floor(date[i]);
            var g = groups.GetValueOrDefault(year);
            groups[year] = (g.N + 1, g.Events + y[i]);
        }
        return groups.Select(kv => (kv.Key, kv.Value.N, kv.Value.Events / kv.Value.N)).ToList();
    }

    public Task<IReadOnlyList<ColumnDictionaryEntry>> DictionaryAsync(int id) => store.GetDictionaryAsync(id);

    public Task<bool> AnnotateAsync(int id, string column, ColumnAnnotation annotation) =>
        store.UpdateDictionaryEntryAsync(id, column, annotation);

    /// <summary>Axis titles such as "Haemoglobin (g/dL)" for the columns the user labelled; others are absent.</summary>
    public async Task<IReadOnlyDictionary<string, string>> AxisTitlesAsync(int id) =>
        (await store.GetDictionaryAsync(id))
            .Where(e => e.Annotation.Label is not null || e.Annotation.Unit is not null)
            .ToDictionary(e => e.Name, e => e.AxisTitle, StringComparer.Ordinal);

    private async Task<CohortOverview> BuildOverviewAsync(int id)
    {
        var entry = await store.FindCohortAsync(id) ?? throw new KeyNotFoundException($"There is no cohort {id}.");
        var table = await TableAsync(id);
        return await Task.Run(() =>
        {
            var profiles = table.Columns.AsParallel().AsOrdered().Select(Modeling.Profile).ToList();
            var prevalence = new Dictionary<string, double>();
            foreach (var column in table.Columns)
                if (column is NumericColumn { Kind: ColumnKind.Binary } binary) prevalence[column.Name] = EventRate(binary);
            return new CohortOverview(entry, profiles, prevalence);
        });
    }

    private static double EventRate(NumericColumn column)
    {
        double events = 0, n = 0;
        foreach (var v in column.Values)
        {
            if (double.IsNaN(v)) continue;
            n++;
            events += v;
        }
        return n == 0 ? double.NaN : events / n;
    }
}
