namespace ClinicalGAM.Storage;

/// <summary>A saved cohort: its name and origin. The values live in <see cref="CohortColumnRecord"/> blobs.</summary>
public sealed class CohortRecord : IProjectOwned
{
    public int Id { get; set; }
    /// <summary>The project it belongs to (see <see cref="ProjectScope"/>).</summary>
    public int ProjectId { get; set; }
    public required string Name { get; set; }
    /// <summary>The uploaded file's name as the user chose it (no path), if the cohort came from a file.</summary>
    public string? SourceFileName { get; set; }
    public int RowCount { get; set; }
    public DateTime CreatedUtc { get; set; }
    public string? Description { get; set; }

    public List<CohortColumnRecord> Columns { get; set; } = [];
    public List<DerivedFeatureRecord> DerivedFeatures { get; set; } = [];
}
