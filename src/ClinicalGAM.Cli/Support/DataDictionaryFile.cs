using ClinicalGAM.Core.Data;
using ClinicalGAM.Reporting;

namespace ClinicalGAM.Cli.Support;

/// <summary>A data dictionary as CSV: one row per column with "column", "label" and (optional) "unit".</summary>
internal static class DataDictionaryFile
{
    public static Dictionary<string, ColumnDescription> Read(string path)
    {
        var table = CohortFiles.Read(path, new CsvReadOptions
        {
            KindOverrides = new Dictionary<string, ColumnKind> { ["column"] = ColumnKind.Categorical, ["label"] = ColumnKind.Categorical, ["unit"] = ColumnKind.Categorical },
        });
        if (!table.Contains("column") || !table.Contains("label"))
            throw new CohortFormatException("a data dictionary needs the columns 'column' and 'label' (and optionally 'unit').", 1, "column");
        var names = table["column"];
        var labels = table["label"];
        var units = table.Find("unit");
        var result = new Dictionary<string, ColumnDescription>(StringComparer.Ordinal);
        for (int r = 0; r < table.RowCount; r++)
        {
            string name = names.Format(r);
            if (name.Length == 0) continue;
            result[name] = new ColumnDescription(NullIfBlank(labels.Format(r)), units is null ? null : NullIfBlank(units.Format(r)));
        }
        return result;
    }

    private static string? NullIfBlank(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
