namespace ClinicalGAM.Storage;

/// <summary>
/// A run of consecutive rows of one column, compressed (see <see cref="ColumnCodec"/>). Chunking keeps each blob
/// a few megabytes at most, whatever the cohort's size.
/// </summary>
public sealed class CohortColumnChunkRecord
{
    public int Id { get; set; }
    public int ColumnId { get; set; }
    /// <summary>0-based position of the chunk within its column.</summary>
    public int Index { get; set; }
    public int FirstRow { get; set; }
    public int RowCount { get; set; }
    public required byte[] Data { get; set; }

    public CohortColumnRecord? Column { get; set; }
}
