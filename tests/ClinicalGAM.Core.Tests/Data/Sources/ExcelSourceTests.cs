using ClinicalGAM.Core.Data;
using ClinicalGAM.TestFiles;

namespace ClinicalGAM.Core.Tests.Data.Sources;

/// <summary>Excel workbooks written by the Open XML SDK, read through the same inference and errors as CSV.</summary>
public class ExcelSourceTests
{
    private static CohortTable Read(byte[] bytes, CsvReadOptions? options = null) =>
        CohortFileReader.Read(new MemoryStream(bytes), CohortFileFormat.Excel, options);

    private static CohortFormatException Fails(byte[] bytes, CsvReadOptions? options = null) =>
        Assert.Throws<CohortFormatException>(() => Read(bytes, options));

    internal static byte[] Cohort() => WorkbookFile.Write(
        new SheetSpec("Notes", [["written by the unit"], ["not a cohort"]]),
        new SheetSpec("Deliveries",
        [
            ["patient_id", "delivery_date", "hb", "hb_x2", "smm", "site"],
            [1, new DateTime(2019, 3, 4), 11.5, new Formula("C2*2", 23), false, "north"],
            [2, new DateTime(2020, 7, 1), 9.25, new Formula("C3*2", 18.5), true, "south"],
            [3, new DateTime(2021, 1, 15), null, new Formula("C4*2", 0), false, "north"],
            [4, new DateTime(2021, 6, 30), 12.0, new Formula("C5*2", 24), false, "south"],
            [WorkbookFile.Blank, WorkbookFile.Blank],
            [WorkbookFile.Blank],
        ]));

    [Fact]
    public void The_chosen_sheet_is_read_with_typed_cells_and_formulas_as_their_cached_values()
    {
        var table = Read(Cohort(), new CsvReadOptions { Sheet = "Deliveries" });

        Assert.Equal(4, table.RowCount); // trailing formatted-but-empty rows skipped
        Assert.Equal(ColumnKind.Date, table["delivery_date"].Kind);
        Assert.Equal(2019 + 62 / 365.0, ((NumericColumn)table["delivery_date"])[0], 9); // 4 March = day 63
        Assert.Equal(9.25, ((NumericColumn)table["hb"])[1]);
        Assert.True(double.IsNaN(((NumericColumn)table["hb"])[2]));
        Assert.Equal(18.5, ((NumericColumn)table["hb_x2"])[1]);
        Assert.Equal(ColumnKind.Binary, table["smm"].Kind);
        Assert.Equal(1, ((NumericColumn)table["smm"])[1]);
        Assert.Equal("south", table["site"].Format(1));
    }

    [Fact]
    public void Without_a_sheet_the_first_is_read_and_sheet_names_are_listed_in_order()
    {
        string path = Path.Combine(Path.GetTempPath(), $"book-{Guid.NewGuid():N}.xlsx");
        File.WriteAllBytes(path, Cohort());
        try
        {
            Assert.Equal(["Notes", "Deliveries"], CohortFileReader.SheetNames(path));
            Assert.Equal(["written by the unit"], CohortFileReader.Read(path).Columns.Select(c => c.Name));
            Assert.Equal(6, CohortFileReader.ReadColumnNames(path, new CsvReadOptions { Sheet = "deliveries" }).Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Type_overrides_and_value_errors_name_the_sheet_row_and_column()
    {
        var overrides = new CsvReadOptions
        {
            Sheet = "Deliveries", KindOverrides = new Dictionary<string, ColumnKind> { ["site"] = ColumnKind.Numeric },
        };
        var e = Fails(Cohort(), overrides);
        Assert.Equal("Sheet 'Deliveries', row 2, column 'site': 'north' is not a number.", e.Message);
        Assert.Equal(2, e.Line);

        var categorical = Read(Cohort(), overrides with { KindOverrides = new Dictionary<string, ColumnKind> { ["patient_id"] = ColumnKind.Categorical } });
        Assert.IsType<CategoricalColumn>(categorical["patient_id"]);
    }

    [Fact]
    public void A_group_title_merged_over_a_second_header_row_names_columns_by_the_row_below()
    {
        var bytes = WorkbookFile.Write(new SheetSpec("Labs",
        [
            ["patient_id", "Blood pressure", null, "Haemoglobin", "outcome"],
            [null, "systolic", "diastolic", "g/dL", null],
            [1, 120, 80, 11.2, 0],
            [2, 135, 90, 9.8, 1],
            [3, 110, 70, 12.4, 0],
        ], "A1:A2", "B1:C1", "E1:E2"));

        var table = Read(bytes);

        Assert.Equal(["patient_id", "systolic", "diastolic", "g/dL", "outcome"], table.Columns.Select(c => c.Name));
        Assert.Equal(135, ((NumericColumn)table["systolic"])[1]);
        Assert.Equal(3, table.RowCount);
    }

    [Fact]
    public void A_repeated_sub_name_keeps_its_group_and_merged_data_cells_fill_the_rows_they_cover()
    {
        var bytes = WorkbookFile.Write(new SheetSpec("Sheet1",
        [
            ["site", "SBP", null, "DBP", null],
            [null, "mean", "max", "mean", "max"],
            ["north", 120, 140, 80, 95],
            [null, 125, 150, 82, 99],
            ["south", 118, 130, 75, 88],
        ], "A1:A2", "B1:C1", "D1:E1", "A3:A4"));

        var table = Read(bytes);

        Assert.Equal(["site", "SBP mean", "SBP max", "DBP mean", "DBP max"], table.Columns.Select(c => c.Name));
        Assert.Equal(["north", "north", "south"], Enumerable.Range(0, 3).Select(r => table["site"].Format(r)));
    }

    [Fact]
    // Error cells, and error text pasted as values, are missing (as blank cells), not text that makes the column categorical.
    public void A_formula_that_failed_is_a_missing_value_not_text_that_turns_the_column_categorical()
    {
        var bytes = WorkbookFile.Write(new SheetSpec("S",
            [["ratio", "smm"], [1.5, 0], [new FormulaError("1/0", "#DIV/0!"), 1], [2.5, 0], [new FormulaError("NA()", "#N/A"), 1], [3.25, 0], ["#DIV/0!", 1]]));

        var ratio = Assert.IsType<NumericColumn>(Read(bytes)["ratio"]);

        Assert.Equal(ColumnKind.Numeric, ratio.Kind);
        Assert.Equal([false, true, false, true, false, true], Enumerable.Range(0, 6).Select(r => double.IsNaN(ratio[r])));
    }

    [Fact]
    public void A_password_protected_workbook_is_refused_with_what_to_do()
    {
        var e = Fails(EncryptedWorkbook.Write());
        Assert.StartsWith("the workbook is password-protected (encrypted)", e.Message);
        Assert.Contains("remove the password", e.Message);
    }

    [Fact]
    public void An_empty_sheet_a_missing_sheet_and_a_header_without_rows_are_refused_clearly()
    {
        var bytes = WorkbookFile.Write(new SheetSpec("Data", [["age", "smm"], [30, 0]]), new SheetSpec("Empty", []),
            new SheetSpec("HeaderOnly", [["age", "smm"], [WorkbookFile.Blank]]));

        Assert.StartsWith("sheet 'Empty' is empty", Fails(bytes, new CsvReadOptions { Sheet = "Empty" }).Message);
        Assert.Equal("the workbook has no sheet 'Cohort'; its sheets are 'Data', 'Empty', 'HeaderOnly'.",
            Fails(bytes, new CsvReadOptions { Sheet = "Cohort" }).Message);
        Assert.Equal("Sheet 'HeaderOnly', row 2: the file has a header but no data rows.",
            Fails(bytes, new CsvReadOptions { Sheet = "HeaderOnly" }).Message);
    }

    [Fact]
    public void Blank_and_duplicate_header_cells_and_values_beyond_the_header_name_their_cells()
    {
        var blank = WorkbookFile.Write(new SheetSpec("S", [["age", null, "smm"], [30, 1, 0]]));
        var e = Fails(blank);
        Assert.Equal("B1", e.Column);
        Assert.Contains("has no name", e.Message);

        var beyond = WorkbookFile.Write(new SheetSpec("S", [["age", "smm"], [30, 0], [31, 1, "stray"]]));
        Assert.Equal("Sheet 'S', row 3: cell C3 holds a value beyond the header's last named column ('smm'): name its column in the header row, or clear it.",
            Fails(beyond).Message);

        var twice = WorkbookFile.Write(new SheetSpec("S", [["age", "age"], [30, 31]]));
        Assert.Equal("age", Fails(twice).Column);
    }

    [Fact]
    public void A_csv_named_xlsx_is_said_to_be_no_workbook()
    {
        var e = Fails("age,smm\n30,0\n"u8.ToArray());
        Assert.StartsWith("the file is named as an Excel workbook but is not one", e.Message);
    }
}
