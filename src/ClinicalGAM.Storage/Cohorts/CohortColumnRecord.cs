using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Storage;

/// <summary>
/// One column of a saved cohort: its data-dictionary entry (what the clinician edits) and, for categorical
/// columns, the level labels. The values themselves are in <see cref="CohortColumnChunkRecord"/> rows so that
/// reading or editing the dictionary never pulls megabytes of data.
/// </summary>
public sealed class CohortColumnRecord
{
    public int Id { get; set; }
    public int CohortId { get; set; }
    /// <summary>Position of the column in the cohort (0-based), as in the uploaded file.</summary>
    public int Ordinal { get; set; }
    public required string Name { get; set; }
    public ColumnKind Kind { get; set; }
    /// <summary>How the values are encoded: doubles or level codes (a binary column may be either).</summary>
    public ColumnStorage Storage { get; set; }
    public int MissingCount { get; set; }

    // Data dictionary, edited by the user and used by later views (axis titles, direction checks, fairness).
    public string? Label { get; set; }
    public string? Unit { get; set; }
    public ExpectedRiskDirection ExpectedDirection { get; set; }
    /// <summary>What it costs to measure this variable (any unit the user chooses, e.g. euros or minutes).</summary>
    public double? MeasurementCost { get; set; }
    /// <summary>A sensitive attribute (ethnicity, insurance): used for fairness views, excluded from fits by default.</summary>
    public bool IsSensitive { get; set; }

    /// <summary>Number of levels (categorical storage only).</summary>
    public int? LevelCount { get; set; }
    /// <summary>Level labels, compressed (categorical storage only); see <see cref="ColumnCodec"/>.</summary>
    public byte[]? LevelsData { get; set; }
    /// <summary>A cached column profile (JSON written by the web layer) so the cohort page need not load the data.</summary>
    public string? ProfileJson { get; set; }

    public CohortRecord? Cohort { get; set; }
    public List<CohortColumnChunkRecord> Chunks { get; set; } = [];
}
