using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Storage;

/// <summary>One row of a cohort's data dictionary: what the column is, and what the clinician said about it.</summary>
public sealed record ColumnDictionaryEntry(
    int Ordinal,
    string Name,
    ColumnKind Kind,
    int MissingCount,
    int? LevelCount,
    ColumnAnnotation Annotation)
{
    /// <summary>The label if the user gave one, else the column name.</summary>
    public string DisplayName => Annotation.Label ?? Name;

    /// <summary>An axis title such as "Haemoglobin (g/dL)".</summary>
    public string AxisTitle => Annotation.Unit is null ? DisplayName : $"{DisplayName} ({Annotation.Unit})";
}
