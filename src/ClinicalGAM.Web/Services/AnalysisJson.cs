using System.Text.Json;

namespace ClinicalGAM.Web.Services;

/// <summary>Settings and results of stored analyses as JSON (the store's options: enums as text, no NaN surprises).</summary>
internal static class AnalysisJson
{
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, SqliteWorkbenchStore.Json);

    /// <summary>The stored value, or default when it no longer reads (a result stored by an older version).</summary>
    public static T? Read<T>(string json)
    {
        try { return JsonSerializer.Deserialize<T>(json, SqliteWorkbenchStore.Json); }
        catch (JsonException) { return default; }
        catch (NotSupportedException) { return default; }
    }
}
