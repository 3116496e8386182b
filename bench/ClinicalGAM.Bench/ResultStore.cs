using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClinicalGAM.Bench;

/// <summary>Keeps each part's latest results as JSON so the report can be rebuilt from parts run at different times.</summary>
internal sealed class ResultStore(string directory, string? note = null)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private string DatasetsPath => Path.Combine(directory, "datasets.json");
    private string ScalePath => Path.Combine(directory, "scale.json");
    private string VersusPath => Path.Combine(directory, "versus.json");
    private string ProfilePath => Path.Combine(directory, "profile.json");

    // New results replace saved ones for the same dataset/size and engine; the rest are kept, so parts can be re-run alone.
    public void SaveDatasets(List<DatasetResult> results) =>
        Save(DatasetsPath, Combine(LoadDatasets(), results, r => (r.Dataset, r.Engine)));
    public void SaveScale(List<ScaleResult> results) =>
        Save(ScalePath, Combine(LoadScale(), results, r => (r.Rows.ToString(), r.Engine)));

    private SavedRun<T> Combine<T>(SavedRun<T>? saved, List<T> fresh, Func<T, (string, string)> key)
    {
        static string Label((string, string) k) => $"{k.Item1.Replace("|", ", ")}, {k.Item2}";
        var freshKeys = fresh.Select(key).ToHashSet();
        var kept = saved?.Results.Where(r => !freshKeys.Contains(key(r))).ToList() ?? [];
        var keptLabels = kept.Select(r => Label(key(r))).ToHashSet();
        // Each run keeps the rows it produced that no later run replaced; a run with none left is dropped, so the
        // report names exactly the runs behind its tables. Files from before run records list their runs unattributed.
        var earlier = saved?.Runs ?? (saved is null || kept.Count == 0 ? []
            : [new RunRecord(saved.Machine, [.. keptLabels], Attributed: false)]);
        var runs = earlier
            .Select(r => r with { Rows = r.Rows.Where(keptLabels.Contains).ToList() })
            .Where(r => r.Rows.Count > 0)
            .Append(new RunRecord(Environment(), fresh.Select(r => Label(key(r))).ToList()))
            .ToList();
        return new SavedRun<T>(Environment(), kept.Concat(fresh).ToList(), runs);
    }
    // Runs with AVX-512 on and off are kept side by side (keyed by the vector path in effect).
    public void SaveVersus(List<VersusResult> results) =>
        Save(VersusPath, Combine(LoadVersus(), results, r => ($"{r.Rows}|{r.VectorPath}", r.Engine)));
    public void SaveProfile(List<StageProfileResult> results) =>
        Save(ProfilePath, Combine(LoadProfile(), results, r => (r.Rows.ToString(), r.VectorPath)));
    public SavedRun<VersusResult>? LoadVersus() => Load<VersusResult>(VersusPath);
    public SavedRun<StageProfileResult>? LoadProfile() => Load<StageProfileResult>(ProfilePath);
    public SavedRun<DatasetResult>? LoadDatasets() => Load<DatasetResult>(DatasetsPath);
    public SavedRun<ScaleResult>? LoadScale() => Load<ScaleResult>(ScalePath);

    private string Environment() =>
        $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}, " +
        $".NET {System.Environment.Version}, {MachineInfo.Cpu()}, vector path {MachineInfo.VectorPath()}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC" + (note is null ? "" : $" ({note})");

    private static void Save<T>(string path, SavedRun<T> run)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(run, Options));
    }

    private static SavedRun<T>? Load<T>(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<SavedRun<T>>(File.ReadAllText(path), Options) : null;
}

/// <summary>A part's results with the runs that produced them (Runs is null in files written before runs were recorded).</summary>
internal sealed record SavedRun<T>(string Machine, List<T> Results, List<RunRecord>? Runs = null);

/// <summary>One bench run: machine, time and conditions, and the table rows it produced that are still shown.</summary>
internal sealed record RunRecord(string Description, List<string> Rows, bool Attributed = true);
