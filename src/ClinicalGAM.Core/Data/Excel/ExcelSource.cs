using System.Text;
using ClinicalGAM.Core.Data.Sources;
using ExcelDataReader;
using ExcelDataReader.Exceptions;

namespace ClinicalGAM.Core.Data.Excel;

/// <summary>
/// One sheet of an Excel workbook (.xlsx, .xlsm, .xls) as a cohort source. ExcelDataReader was chosen among the served
/// readers because it streams a sheet row by row (memory stays bounded like the CSV reader's, unlike ClosedXML's whole-
/// workbook DOM), reads both .xlsx and legacy .xls (MiniExcel has no .xls), returns typed cells (numbers, dates by their
/// number format, booleans) with formulas as their cached values, and exposes merged ranges; MIT licensed.
/// <para>
/// The header is the first non-empty row (merged header cells: <see cref="ExcelHeader"/>). Merged cells in the data give
/// every covered cell the merged value. Empty rows (trailing ones included) are skipped, and columns after the last
/// named one are dropped when empty.
/// </para>
/// </summary>
internal sealed class ExcelSource : ICohortSource
{
    static ExcelSource() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance); // .xls strings use code pages

    private readonly Stream _stream;
    private readonly int _sheetIndex;
    private readonly int _lastHeaderRow; // 0-based sheet row where the header ends

    private ExcelSource(Stream stream, int sheetIndex, string sheet, int lastHeaderRow, string[] names, int rows)
    {
        _stream = stream;
        _sheetIndex = sheetIndex;
        _lastHeaderRow = lastHeaderRow;
        Names = names;
        RowUpperBound = rows;
        LineWord = $"Sheet '{sheet}', row";
    }

    public IReadOnlyList<string> Names { get; }
    public int RowUpperBound { get; }
    public string LineWord { get; }
    public long FirstDataLine => _lastHeaderRow + 2;

    /// <summary>The workbook's sheet names in order.</summary>
    public static IReadOnlyList<string> SheetNames(Stream stream)
    {
        using var reader = OpenReader(stream);
        var names = new List<string>();
        do names.Add(reader.Name); while (reader.NextResult());
        return names;
    }

    public static ExcelSource Open(Stream stream, CsvReadOptions options)
    {
        using var reader = OpenReader(stream);
        int index = FindSheet(reader, options.Sheet);
        string sheet = reader.Name;
        string where = $"Sheet '{sheet}', row";
        var merges = reader.MergeCells ?? [];

        // The first non-empty row starts the header; merged cells say whether it spans a second row.
        object?[]? first = null;
        int headerRow = -1;
        while (reader.Read())
        {
            var row = Values(reader);
            if (row.Any(v => !IsEmpty(v))) { first = row; headerRow = reader.Depth; break; }
        }
        if (first is null)
            throw new CohortFormatException($"sheet '{sheet}' is empty: expected a header row with column names, then one patient per row.");
        int last = headerRow;
        bool grouped = false;
        foreach (var m in merges.Where(m => m.FromRow == headerRow))
        {
            last = Math.Max(last, m.ToRow);
            grouped |= m.ToColumn > m.FromColumn;
        }
        if (grouped) last = Math.Max(last, headerRow + 1);
        var grid = new List<object?[]> { first };
        while (grid.Count <= last - headerRow && reader.Read()) grid.Add(Values(reader));
        var names = ExcelHeader.Names(grid.Select(r => r.Select(Text).ToArray()).ToList(), headerRow, merges);
        var checkedNames = HeaderNames.Check(names, headerRow + 1, where, c => ExcelHeader.ColumnLetters(c) + (headerRow + 1));
        int rows = Math.Max(0, reader.RowCount - last - 1);
        return new ExcelSource(stream, index, sheet, last, checkedNames, rows);
    }

    public int Pass(FieldHandler handler, bool[]? wanted, IProgress<double>? progress, double from, double to, CancellationToken ct)
    {
        using var reader = OpenReader(_stream);
        for (int s = 0; s < _sheetIndex; s++) reader.NextResult();
        var merges = (reader.MergeCells ?? []).Where(m => m.ToRow > _lastHeaderRow).ToArray();
        var mergedValues = new Dictionary<CellRange, object?>();
        int width = Names.Count, row = 0;
        double total = Math.Max(1, reader.RowCount);
        var text = new CellText();
        while (reader.Read())
        {
            int sheetRow = reader.Depth;
            if (sheetRow <= _lastHeaderRow) continue;
            if ((sheetRow & 1023) == 0)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Report(from + (to - from) * Math.Min(1, sheetRow / total));
            }
            var values = Values(reader);
            FillMerged(values, sheetRow, merges, mergedValues);
            if (values.All(IsEmpty)) continue; // blank and trailing empty rows
            for (int c = width; c < values.Length; c++)
                if (!IsEmpty(values[c]))
                    throw new CohortFormatException(
                        $"cell {ExcelHeader.ColumnLetters(c)}{sheetRow + 1} holds a value beyond the header's last named column ('{Names[^1]}'): " +
                        "name its column in the header row, or clear it.", sheetRow + 1, null);
            for (int c = 0; c < width; c++)
                handler(row, c, text.Of(c < values.Length ? values[c] : null), sheetRow + 1);
            row++;
        }
        progress?.Report(to);
        return row;
    }

    private static IExcelDataReader OpenReader(Stream stream)
    {
        WorkbookCheck.Check(stream);
        try
        {
            return ExcelReaderFactory.CreateReader(stream, new ExcelReaderConfiguration { LeaveOpen = true });
        }
        catch (InvalidPasswordException)
        {
            throw new CohortFormatException("the workbook is password-protected (encrypted), so it cannot be read: remove the password in Excel and save it again.");
        }
        catch (Exception e) when (e is ExcelReaderException or InvalidDataException or NotSupportedException or EndOfStreamException)
        {
            throw new CohortFormatException($"the workbook cannot be read ({e.Message.TrimEnd('.')}). Save it again from Excel, or save the sheet as CSV.");
        }
    }

    private static int FindSheet(IExcelDataReader reader, string? wanted)
    {
        if (string.IsNullOrWhiteSpace(wanted)) return 0;
        var names = new List<string>();
        do names.Add(reader.Name); while (reader.NextResult());
        int index = names.FindIndex(n => n == wanted);
        if (index < 0) index = names.FindIndex(n => string.Equals(n.Trim(), wanted.Trim(), StringComparison.OrdinalIgnoreCase));
        if (index < 0)
            throw new CohortFormatException(
                $"the workbook has no sheet '{wanted}'; its sheets are {string.Join(", ", names.Select(n => $"'{n}'"))}.");
        reader.Reset();
        for (int s = 0; s < index; s++) reader.NextResult();
        return index;
    }

    private static void FillMerged(object?[] values, int row, CellRange[] merges, Dictionary<CellRange, object?> remembered)
    {
        foreach (var m in merges)
        {
            if (row < m.FromRow || row > m.ToRow || m.FromColumn >= values.Length) continue;
            if (row == m.FromRow) remembered[m] = values[m.FromColumn];
            var value = remembered.GetValueOrDefault(m);
            for (int c = m.FromColumn; c <= Math.Min(m.ToColumn, values.Length - 1); c++) values[c] = value;
        }
    }

    // A formula that failed (#DIV/0!, #N/A, ...) has no value: missing, as a blank cell would be.
    private static readonly HashSet<string> ErrorValues = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"];

    private static object?[] Values(IExcelDataReader reader)
    {
        var values = new object?[reader.FieldCount];
        for (int c = 0; c < values.Length; c++)
            values[c] = reader.GetValue(c) is string s && ErrorValues.Contains(s.Trim()) ? null : reader.GetValue(c);
        return values;
    }

    private static bool IsEmpty(object? value) => value is null || value is string s && string.IsNullOrWhiteSpace(s);

    private static string Text(object? value) => new CellText().Of(value).ToString();

}
