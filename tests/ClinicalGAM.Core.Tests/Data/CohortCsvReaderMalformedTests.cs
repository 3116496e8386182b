using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Core.Tests.Data;

public class CohortCsvReaderMalformedTests
{
    [Fact]
    public void Empty_file_is_rejected_at_line_1()
    {
        var e = CsvText.Fails("");
        Assert.Equal(1, e.Line);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void Whitespace_only_file_is_rejected_as_empty()
    {
        var e = CsvText.Fails("  \n\n");
        Assert.Equal(1, e.Line);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void File_without_header_is_rejected()
    {
        var e = CsvText.Fails("1,2,3\n4,5,6\n");
        Assert.Equal(1, e.Line);
        Assert.Contains("no header", e.Message);
    }

    [Fact]
    public void Header_without_data_rows_is_rejected()
    {
        var e = CsvText.Fails("age,sbp\n");
        Assert.Equal(2, e.Line);
        Assert.Contains("no data rows", e.Message);
    }

    [Fact]
    public void Blank_column_name_names_its_position()
    {
        var e = CsvText.Fails("age,,sbp\n30,1,120\n");
        Assert.Equal(1, e.Line);
        Assert.Equal("#2", e.Column);
    }

    [Fact]
    public void Duplicate_column_name_is_named()
    {
        var e = CsvText.Fails("age,sbp,age\n30,120,31\n");
        Assert.Equal(1, e.Line);
        Assert.Equal("age", e.Column);
        Assert.Contains("columns 1 and 3", e.Message);
    }

    [Fact]
    public void Row_with_too_few_fields_names_line_and_expected_count()
    {
        var e = CsvText.Fails("age,sbp,hb\n30,120,11\n31,125\n32,130,12\n");
        Assert.Equal(3, e.Line);
        Assert.Equal("hb", e.Column);
        Assert.Contains("expected 3 fields", e.Message);
        Assert.Contains("found 2", e.Message);
    }

    [Fact]
    public void Row_with_too_many_fields_names_line_and_counts()
    {
        var e = CsvText.Fails("age,sbp\n30,120\n31,125\n32,130,7\n");
        Assert.Equal(4, e.Line);
        Assert.Equal("sbp", e.Column);
        Assert.Contains("expected 2 fields", e.Message);
        Assert.Contains("found 3", e.Message);
    }

    [Fact]
    public void Line_numbers_count_newlines_inside_quoted_fields()
    {
        var e = CsvText.Fails("note,sbp\n\"two\nlines\",120\nok,125,9\n");
        Assert.Equal(4, e.Line);
    }

    [Fact]
    public void Unclosed_quote_names_line_and_column()
    {
        var e = CsvText.Fails("age,note\n30,fine\n31,\"never closed\n");
        Assert.Equal(3, e.Line);
        Assert.Equal("note", e.Column);
        Assert.Contains("quoting", e.Message);
    }

    [Fact]
    public void Text_after_closing_quote_names_line_and_column()
    {
        var e = CsvText.Fails("age,note\n30,\"a\"b\n");
        Assert.Equal(2, e.Line);
        Assert.Equal("note", e.Column);
    }

    [Fact]
    public void Unparseable_value_in_column_overridden_to_numeric_names_line_and_column()
    {
        var options = new CsvReadOptions { KindOverrides = new Dictionary<string, ColumnKind> { ["sbp"] = ColumnKind.Numeric } };
        var e = CsvText.Fails("age,sbp\n30,120\n31,12O\n32,NA\n", options);
        Assert.Equal(3, e.Line);
        Assert.Equal("sbp", e.Column);
        Assert.Contains("'12O' is not a number", e.Message);
    }

    [Fact]
    public void Override_to_binary_rejects_a_third_value()
    {
        var options = new CsvReadOptions { KindOverrides = new Dictionary<string, ColumnKind> { ["mode"] = ColumnKind.Binary } };
        var e = CsvText.Fails("mode\nvaginal\ncaesarean\nvaginal\nforceps\n", options);
        Assert.Equal(5, e.Line);
        Assert.Equal("mode", e.Column);
    }

    [Fact]
    public void Override_naming_an_unknown_column_is_rejected()
    {
        var options = new CsvReadOptions { KindOverrides = new Dictionary<string, ColumnKind> { ["weight"] = ColumnKind.Numeric } };
        var e = CsvText.Fails("age\n30\n", options);
        Assert.Equal("weight", e.Column);
    }

    [Fact]
    public void Cancellation_stops_the_read()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var bytes = System.Text.Encoding.UTF8.GetBytes("age\n30\n");
        Assert.ThrowsAny<OperationCanceledException>(() => CohortCsvReader.Read(new MemoryStream(bytes), ct: cts.Token));
    }
}
