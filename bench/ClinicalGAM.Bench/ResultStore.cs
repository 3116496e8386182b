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

    public void SaveDatasets(List<DatasetResult> results) => Save(DatasetsPath, new SavedRun<DatasetResult>(Environment(), results));
    public void SaveScale(List<ScaleResult> results) => Save(ScalePath, new SavedRun<ScaleResult>(Environment(), results));
    public SavedRun<DatasetResult>? LoadDatasets() => Load<DatasetResult>(DatasetsPath);
    public SavedRun<ScaleResult>? LoadScale() => Load<ScaleResult>(ScalePath);

    private string Environment() =>
        $"{System.Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}, " +
        $".NET {System.Environment.Version}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC" + (note is null ? "" : $" ({note})");

    private static void Save<T>(string path, SavedRun<T> run)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(run, Options));
    }

    private static SavedRun<T>? Load<T>(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<SavedRun<T>>(File.ReadAllText(path), Options) : null;
}

internal sealed record SavedRun<T>(string Machine, List<T> Results);
