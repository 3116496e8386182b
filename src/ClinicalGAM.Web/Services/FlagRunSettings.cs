using System.Text.Json;
using ClinicalGAM.Core.Diagnostics.Goodhart;

namespace ClinicalGAM.Web.Services;

/// <summary>
/// The stored run's settings JSON ({"notTestable": [...]}): where a check keeps the places it could not test, so no
/// schema change is needed. Unreadable or older JSON reads as "none".
/// </summary>
public static class FlagRunSettings
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Stored(IReadOnlyList<Entry>? NotTestable);

    private sealed record Entry(string Feature, string Kind, double? Low, double? High, int Count, string Reason);

    public static string? Write(IReadOnlyList<NotTestable> notTestable) => notTestable.Count == 0 ? null
        : JsonSerializer.Serialize(new Stored(notTestable.Select(n => new Entry(n.Feature, n.Kind,
            double.IsFinite(n.Low) ? n.Low : null, double.IsFinite(n.High) ? n.High : null, n.Count, n.Reason)).ToList()), Json);

    public static IReadOnlyList<NotTestable> NotTestable(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try
        {
            var stored = JsonSerializer.Deserialize<Stored>(json, Json);
            return stored?.NotTestable?.Select(e => new NotTestable(e.Feature, e.Kind, e.Low ?? double.NaN, e.High ?? double.NaN,
                e.Count, e.Reason)).ToList() ?? [];
        }
        catch (JsonException) { return []; }
    }
}
