namespace ClinicalGAM.Reporting;

/// <summary>
/// What the data dictionary says about a column (label and unit), used in axis titles and the predictor table.
/// Blank means "not given": the column name is shown instead.
/// </summary>
public sealed record ColumnDescription(string? Label = null, string? Unit = null)
{
    /// <summary>"Haemoglobin (g/dL)", or the column name when no label or unit was given.</summary>
    public static string AxisTitle(string column, IReadOnlyDictionary<string, ColumnDescription>? dictionary)
    {
        var d = dictionary?.GetValueOrDefault(column);
        string name = string.IsNullOrWhiteSpace(d?.Label) ? column : d!.Label!.Trim();
        return string.IsNullOrWhiteSpace(d?.Unit) ? name : $"{name} ({d!.Unit!.Trim()})";
    }
}
