using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ClinicalGAM.TestFiles;

/// <summary>A sheet to write: rows of cells (double, int, string, bool, DateTime, <see cref="Formula"/>, <see cref="WorkbookFile.Blank"/> or null) and merged ranges ("A1:B1").</summary>
internal sealed record SheetSpec(string Name, object?[][] Rows, params string[] Merges);

/// <summary>A formula cell with the value Excel cached for it.</summary>
internal sealed record Formula(string Expression, double Cached);

/// <summary>A formula cell whose cached result is an error such as #DIV/0!.</summary>
internal sealed record FormulaError(string Expression, string Error);

/// <summary>Real .xlsx workbooks written with the Open XML SDK, for the reader's tests.</summary>
internal static class WorkbookFile
{
    /// <summary>A formatted cell with no value, as Excel leaves after clearing a cell (trailing "empty" rows).</summary>
    public static readonly object Blank = new();

    public static byte[] Write(params SheetSpec[] sheets)
    {
        var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook))
        {
            var book = document.AddWorkbookPart();
            book.Workbook = new Workbook();
            book.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var list = book.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var sheet in sheets)
            {
                var part = book.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                for (int r = 0; r < sheet.Rows.Length; r++)
                {
                    var row = new Row { RowIndex = (uint)(r + 1) };
                    for (int c = 0; c < sheet.Rows[r].Length; c++)
                        if (Cell(sheet.Rows[r][c], Reference(c, r)) is { } cell) row.Append(cell);
                    data.Append(row);
                }
                var worksheet = new Worksheet(data);
                if (sheet.Merges.Length > 0) worksheet.Append(new MergeCells(sheet.Merges.Select(m => new MergeCell { Reference = m })));
                part.Worksheet = worksheet;
                list.Append(new Sheet { Id = book.GetIdOfPart(part), SheetId = id++, Name = sheet.Name });
            }
        }
        return memory.ToArray();
    }

    private static Cell? Cell(object? value, string reference) => value switch
    {
        null => null,
        double x => new Cell { CellReference = reference, CellValue = new CellValue(x), DataType = CellValues.Number },
        int i => new Cell { CellReference = reference, CellValue = new CellValue(i), DataType = CellValues.Number },
        bool b => new Cell { CellReference = reference, CellValue = new CellValue(b ? "1" : "0"), DataType = CellValues.Boolean },
        DateTime d => new Cell { CellReference = reference, CellValue = new CellValue(d.ToOADate()), StyleIndex = 1 },
        Formula f => new Cell { CellReference = reference, CellFormula = new CellFormula(f.Expression), CellValue = new CellValue(f.Cached) },
        FormulaError e => new Cell { CellReference = reference, CellFormula = new CellFormula(e.Expression), CellValue = new CellValue(e.Error), DataType = CellValues.Error },
        string s => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(s)) },
        _ when ReferenceEquals(value, Blank) => new Cell { CellReference = reference, StyleIndex = 1 },
        _ => throw new ArgumentException($"Cannot write {value.GetType().Name}."),
    };

    // Style 1 is Excel's built-in short date (number format 14): a number shown, and read back, as a date.
    private static Stylesheet Styles() => new(
        new Fonts(new Font()),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));

    private static string Reference(int column, int row)
    {
        var letters = "";
        for (int n = column + 1; n > 0; n = (n - 1) / 26) letters = (char)('A' + (n - 1) % 26) + letters;
        return letters + (row + 1);
    }
}
