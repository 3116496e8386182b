using ExcelDataReader;

namespace ClinicalGAM.Core.Data.Excel;

/// <summary>
/// Column names from a sheet's header rows. A header cell merged across columns is a group title over a second header
/// row: the row below names the columns ("group sub" where a sub-name repeats under several groups, e.g. "SBP mean" and
/// "DBP mean"); a header cell merged down spans both header rows. Columns after the last named one are dropped.
/// </summary>
internal static class ExcelHeader
{
    /// <summary>The names from the one or two header rows (<paramref name="grid"/>, as text), merged values spread over the cells they cover.</summary>
    public static string[] Names(List<string[]> grid, int headerRow, CellRange[] merges)
    {
        int width = grid.Max(r => r.Length);
        var cells = grid.Select(r => Enumerable.Range(0, width).Select(c => c < r.Length ? r[c] : "").ToArray()).ToArray();
        foreach (var m in merges)
        {
            int top = m.FromRow - headerRow;
            if (top < 0 || top >= cells.Length || m.FromColumn >= width) continue; // not anchored in the header rows
            string value = cells[top][m.FromColumn];
            for (int r = top; r <= Math.Min(m.ToRow - headerRow, cells.Length - 1); r++)
                for (int c = m.FromColumn; c <= Math.Min(m.ToColumn, width - 1); c++) cells[r][c] = value;
        }
        var names = new string[width];
        for (int c = 0; c < width; c++)
            names[c] = cells.Select(r => r[c]).LastOrDefault(v => v.Length > 0) ?? "";
        // A sub-name repeated under different groups ("mean" under SBP and DBP) keeps its group.
        foreach (var repeated in names.Where(n => n.Length > 0).GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList())
            for (int c = 0; c < width; c++)
                if (names[c] == repeated && cells[0][c].Length > 0 && cells[0][c] != repeated) names[c] = $"{cells[0][c]} {repeated}";
        int used = Array.FindLastIndex(names, n => n.Length > 0) + 1;
        return names[..used];
    }

    /// <summary>A, B, ..., Z, AA, ... as Excel names columns.</summary>
    public static string ColumnLetters(int index)
    {
        var letters = "";
        for (int n = index + 1; n > 0; n = (n - 1) / 26) letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }
}
