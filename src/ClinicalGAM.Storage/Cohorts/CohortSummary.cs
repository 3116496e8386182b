namespace ClinicalGAM.Storage;

/// <summary>What a cohort list shows, without loading any data. StoredBytes is the compressed size of the values.</summary>
public sealed record CohortSummary(
    int Id,
    string Name,
    string? SourceFileName,
    int RowCount,
    int ColumnCount,
    DateTime CreatedUtc,
    string? Description,
    long StoredBytes);
