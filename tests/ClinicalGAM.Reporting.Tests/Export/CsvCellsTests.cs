using ClinicalGAM.Reporting.Export;

namespace ClinicalGAM.Reporting.Tests.Export;

public class CsvCellsTests
{
    [Theory]
    [InlineData("=SUM(A1:A9)", "'=SUM(A1:A9)")]
    [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
    [InlineData("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(1)", "'@SUM(1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")]
    public void Formula_text_is_prefixed_with_a_quote_then_csv_quoted(string text, string cell) =>
        Assert.Equal(cell, CsvCells.Text(text));

    [Theory]
    [InlineData("-2.5")]
    [InlineData("+7")]
    [InlineData("-1e-3")]
    public void Text_that_is_a_plain_number_is_left_alone(string text) => Assert.Equal(text, CsvCells.Text(text));

    [Theory]
    [InlineData("vaginal", "vaginal")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData(" padded", "\" padded\"")]
    [InlineData("", "")]
    [InlineData("a=b", "a=b")]
    public void Ordinary_text_is_quoted_only_when_needed(string text, string cell) => Assert.Equal(cell, CsvCells.Text(text));

    [Fact]
    public void Numbers_round_trip_and_missing_is_empty()
    {
        Assert.Equal("-0.1", CsvCells.Number(-0.1));
        Assert.Equal(0.1 + 0.2, double.Parse(CsvCells.Number(0.1 + 0.2), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("", CsvCells.Number(double.NaN));
    }
}
