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
        var freshKeys = fresh.Select(key).ToHashSet();
        var kept = saved?.Results.Where(r => !freshKeys.Contains(key(r))).ToList() ?? [];
        string machine = kept.Count == 0 || saved is null ? Environment() : $"{saved.Machine}; updated {Environment()}";
        return new SavedRun<T>(machine, kept.Concat(fresh).ToList());
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

internal sealed record SavedRun<T>(string Machine, List<T> Results);
