using ClinicalGAM.Core.Data;
using ClinicalGAM.TestFiles;
using Parquet.Schema;

namespace ClinicalGAM.Core.Tests.Data.Sources;

/// <summary>Parquet files written by Parquet.Net, read row group by row group through the shared inference.</summary>
public class ParquetSourceTests
{
    private static CohortTable Read(byte[] bytes, CsvReadOptions? options = null) =>
        CohortFileReader.Read(new MemoryStream(bytes), CohortFileFormat.Parquet, options);

    private static CohortFormatException Fails(byte[] bytes) => Assert.Throws<CohortFormatException>(() => Read(bytes));

    internal static byte[] Cohort(int rows = 10, int rowGroup = 3) => ParquetFile.Write(rowGroup,
        new ParquetColumn(new DataField<int>("patient_id"), Enumerable.Range(1, rows).ToArray()),
        new ParquetColumn(new DataField<double?>("hb"), Enumerable.Range(0, rows).Select(i => i % 4 == 3 ? (double?)null : 9 + i * 0.25).ToArray()),
        new ParquetColumn(new DataField<bool>("smm"), Enumerable.Range(0, rows).Select(i => i % 3 == 0).ToArray()),
        new ParquetColumn(new DataField<DateTime>("delivery_date"), Enumerable.Range(0, rows).Select(i => new DateTime(2019, 1, 1).AddDays(40 * i)).ToArray()),
        new ParquetColumn(new DataField<string>("site"), Enumerable.Range(0, rows).Select(i => i % 2 == 0 ? "north" : "south").ToArray()),
        new ParquetColumn(new DecimalDataField("bmi", 5, 2), Enumerable.Range(0, rows).Select(i => 20.5m + i).ToArray()));

    [Fact]
    public void Types_are_mapped_across_row_groups_in_row_order()
    {
        var table = Read(Cohort());

        Assert.Equal(10, table.RowCount);
        Assert.Equal(ColumnKind.Identifier, table["patient_id"].Kind);
        Assert.Equal(9 + 9 * 0.25, ((NumericColumn)table["hb"])[9]);
        Assert.True(double.IsNaN(((NumericColumn)table["hb"])[7]));
        Assert.Equal(ColumnKind.Binary, table["smm"].Kind);
        Assert.Equal([1.0, 0, 0, 1, 0, 0, 1, 0, 0, 1], ((NumericColumn)table["smm"]).Values.ToArray());
        Assert.Equal(ColumnKind.Date, table["delivery_date"].Kind);
        Assert.Equal(2019 + 40 / 365.0, ((NumericColumn)table["delivery_date"])[1], 9);
        Assert.Equal("south", table["site"].Format(5));
        Assert.Equal(29.5, ((NumericColumn)table["bmi"])[9]);
    }

    [Fact]
    public void Overrides_apply_and_a_bad_value_names_the_row_and_column()
    {
        var kinds = new Dictionary<string, ColumnKind> { ["site"] = ColumnKind.Numeric };
        var e = Assert.Throws<CohortFormatException>(() => Read(Cohort(), new CsvReadOptions { KindOverrides = kinds }));
        Assert.Equal("Row 1, column 'site': 'north' is not a number.", e.Message);

        var table = Read(Cohort(), new CsvReadOptions { KindOverrides = new Dictionary<string, ColumnKind> { ["patient_id"] = ColumnKind.Numeric } });
        Assert.Equal(ColumnKind.Numeric, table["patient_id"].Kind);
    }

    [Fact]
    public void A_nested_column_is_refused_naming_it()
    {
        var e = Fails(Nested());
        Assert.Equal("address", e.Column);
        Assert.Contains("nested (a struct)", e.Message);
    }

    internal static byte[] Nested()
    {
        var age = new DataField<int>("age");
        var city = new DataField<string>("city");
        return ParquetFile.Write(new ParquetSchema(age, new StructField("address", city)), 10,
            new ParquetColumn(age, new[] { 30, 31 }), new ParquetColumn(city, new[] { "Leeds", "York" }));
    }

    [Fact]
    public void A_file_that_is_not_parquet_and_one_without_rows_are_refused_clearly()
    {
        Assert.StartsWith("the file is named as a Parquet file but is not one", Fails("age\n30\n"u8.ToArray()).Message);
        var empty = ParquetFile.Write(10, new ParquetColumn(new DataField<int>("age"), Array.Empty<int>()));
        Assert.Equal("Row 1: the file has a header but no data rows.", Fails(empty).Message);
    }
}
