using System.Text;
using ClinicalGAM.Core.Serialization;
using ClinicalGAM.Reporting.Export;

namespace ClinicalGAM.Web.Reports;

/// <summary>Downloads of a saved model: its JSON, its shape functions and the scored cohort (shared CSV formats of the CLI).</summary>
public sealed class ModelExports(IWorkbenchStore store, CohortService cohorts)
{
    public async Task<string?> ModelJsonAsync(int modelId) =>
        await store.FindModelAsync(modelId) is { } entry ? GamModelJson.Serialize(entry.Model) : null;

    /// <summary>The model in InterpretML's JSON format; throws GamModelFormatException for a model that format cannot hold.</summary>
    public async Task<string?> InterpretMlJsonAsync(int modelId) =>
        await store.FindModelAsync(modelId) is { } entry ? Core.Serialization.InterpretMl.InterpretMlJson.Serialize(entry.Model) : null;

    public async Task<string?> ShapesCsvAsync(int modelId)
    {
        if (await store.FindModelAsync(modelId) is not { } entry) return null;
        var text = new StringWriter(new StringBuilder());
        CsvExport.WriteShapes(entry.Model, text);
        return text.ToString();
    }

    /// <summary>The cohort's columns plus the model's log-odds, risk and each term's contribution.</summary>
    public async Task<string?> ScoresCsvAsync(int modelId)
    {
        if (await store.FindModelAsync(modelId) is not { } entry) return null;
        var table = await cohorts.TableForAsync(entry);
        var text = new StringWriter(new StringBuilder());
        await Task.Run(() => CsvExport.WriteScoredCohort(table, entry.Model, text, contributions: true));
        return text.ToString();
    }
}
