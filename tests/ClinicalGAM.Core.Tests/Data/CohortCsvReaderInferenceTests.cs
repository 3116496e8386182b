using System.Text;
using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Core.Tests.Data;

public class CohortCsvReaderInferenceTests
{
    [Fact]
    public void Infers_each_kind()
    {
        var csv = new StringBuilder("patient_id,age,preeclampsia,transfused,mode,mrn_text,delivery_year,admitted,sex\n");
        string[] modes = ["vaginal", "caesarean", "operative"];
        for (int i = 0; i < 120; i++)
            csv.Append($"{1000 + i},{20 + i % 25},{(i % 3 == 0 ? "yes" : "no")},{i % 2},{modes[i % 3]},X{i:D5},{2012 + i % 12},2019-0{1 + i % 9}-15,{(i % 2 == 0 ? "F" : "M")}\n");
        var table = CsvText.Read(csv.ToString());

        Assert.Equal(120, table.RowCount);
        Assert.Equal(ColumnKind.Identifier, table["patient_id"].Kind);
        Assert.Equal(ColumnKind.Numeric, table["age"].Kind);
        Assert.Equal(ColumnKind.Binary, table["preeclampsia"].Kind);
        Assert.Equal(1.0, ((NumericColumn)table["preeclampsia"])[0]);
        Assert.Equal(ColumnKind.Binary, table["transfused"].Kind);
        Assert.Equal(ColumnKind.Categorical, table["mode"].Kind);
        Assert.Equal(["caesarean", "operative", "vaginal"], ((CategoricalColumn)table["mode"]).Levels);
        Assert.Equal(ColumnKind.Identifier, table["mrn_text"].Kind);
        Assert.Equal(ColumnKind.Date, table["delivery_year"].Kind);
        Assert.Equal(2012.0, ((NumericColumn)table["delivery_year"])[0]);
        Assert.Equal(ColumnKind.Date, table["admitted"].Kind);
        Assert.InRange(((NumericColumn)table["admitted"])[0], 2019.03, 2019.05);
        Assert.Equal(ColumnKind.Binary, table["sex"].Kind);
        Assert.IsType<CategoricalColumn>(table["sex"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("NA")]
    [InlineData(" na ")]
    [InlineData("NaN")]
    [InlineData("NULL")]
    [InlineData("?")]
    public void Recognises_missing_value_spellings(string missing)
    {
        var table = CsvText.Read($"hb,mode\n11.2,a\n{missing},{missing}\n9.5,b\n12.5,c\n");
        Assert.True(table["hb"].IsMissing(1));
        Assert.True(table["mode"].IsMissing(1));
        Assert.Equal(ColumnKind.Numeric, table["hb"].Kind);
        Assert.Equal(9.5, ((NumericColumn)table["hb"])[2]);
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    public void Detects_semicolon_and_tab_delimiters(char delimiter)
    {
        var table = CsvText.Read($"age{delimiter}sbp\n30{delimiter}120\n31{delimiter}135\n32{delimiter}150\n");
        Assert.Equal(["age", "sbp"], table.Columns.Select(c => c.Name));
        Assert.Equal(135.0, ((NumericColumn)table["sbp"])[1]);
    }

    [Fact]
    public void Semicolon_files_read_decimal_commas_as_numbers()
    {
        // As Excel writes CSV in most European locales: ';' between fields, ',' before decimals.
        var table = CsvText.Read("\uFEFFid;hb;creatinine;note;stage\r\n1;7,1;-0,5;a,b;1.234,5\r\n2;8,25;1,0;c;2\r\n3;;0,75;d,e;3\r\n4;12,6;2,25;f;4\r\n");
        var hb = Assert.IsType<NumericColumn>(table["hb"]);
        Assert.Equal(ColumnKind.Numeric, hb.Kind);
        Assert.Equal(7.1, hb[0]);
        Assert.Equal(8.25, hb[1]);
        Assert.True(double.IsNaN(hb[2]));
        Assert.Equal(-0.5, ((NumericColumn)table["creatinine"])[0]);
        // Text with a comma, and a thousands point, are left as they are.
        Assert.Contains("a,b", ((CategoricalColumn)table["note"]).Levels);
        Assert.Contains("1.234,5", ((CategoricalColumn)table["stage"]).Levels);
    }

    [Fact]
    public void A_quoted_decimal_comma_in_a_comma_separated_file_stays_text()
    {
        var table = CsvText.Read("id,hb\n1,\"7,1\"\n2,\"8,2\"\n3,\"9,3\"\n");
        Assert.IsType<CategoricalColumn>(table["hb"]);
    }

    [Fact]
    public void Numeric_code_can_be_read_as_categorical()
    {
        var options = new CsvReadOptions { KindOverrides = new Dictionary<string, ColumnKind> { ["quintile"] = ColumnKind.Categorical } };
        var table = CsvText.Read("quintile\n1\n3\n5\n3\n", options);
        var column = Assert.IsType<CategoricalColumn>(table["quintile"]);
        Assert.Equal(["1", "3", "5"], column.Levels);
    }

    [Fact]
    public void Mixed_text_in_a_mostly_numeric_column_becomes_text_not_numbers()
    {
        var table = CsvText.Read("sbp\n120\n130\nhigh\n");
        Assert.IsType<CategoricalColumn>(table["sbp"]);
    }

    [Fact]
    public void Skips_blank_lines_and_handles_quotes_and_bom()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("name,age\r\n\"Smith, J\",30\r\n\r\n\"O\"\"Neil\",31\r\n")).ToArray();
        var table = CohortCsvReader.Read(new MemoryStream(bytes));
        Assert.Equal(2, table.RowCount);
        Assert.Equal("Smith, J", table["name"].Format(0));
        Assert.Equal("O\"Neil", table["name"].Format(1));
    }

    [Fact]
    public void Reads_a_non_seekable_stream_and_reports_progress_to_completion()
    {
        var csv = new StringBuilder("age,hb\n");
        for (int i = 0; i < 5000; i++) csv.Append($"{20 + i % 30},{8 + i % 7}.5\n");
        var reports = new List<double>();
        var progress = new SynchronousProgress(reports.Add);
        var table = CohortCsvReader.Read(new ForwardOnlyStream(Encoding.UTF8.GetBytes(csv.ToString())), progress: progress);
        Assert.Equal(5000, table.RowCount);
        Assert.Equal(1.0, reports[^1]);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.Second >= p.First));
    }

    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

public class CohortCsvReaderBinaryCodeTests
{
    [Fact]
    public void Two_numeric_codes_are_binary_whatever_their_spelling()
    {
        var table = CsvText.Read("sex,age\n1,30\n2.0,31\n1.0,32\n,33\n2,34\n");
        var sex = Assert.IsType<CategoricalColumn>(table["sex"]);
        Assert.Equal(ColumnKind.Binary, sex.Kind);
        Assert.Equal(["1", "2"], sex.Levels);
        Assert.Equal([0, 1, 0, -1, 1], sex.Codes.ToArray());
        Assert.Equal([0.0, 1, 0, 1], OutcomeValidator.RequireBinary(table.With(sex), "sex", allowMissing: true).Where(v => !double.IsNaN(v)));
    }
}

public class CohortCsvReaderLineEndingTests
{
    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Reads_every_line_ending(string eol)
    {
        var table = CsvText.Read($"hb,mode{eol}NA,a{eol}9.5,b{eol}12.5,c{eol}7,a");
        Assert.Equal(4, table.RowCount);
        Assert.Equal([double.NaN, 9.5, 12.5, 7], ((NumericColumn)table["hb"]).Values.ToArray());
        Assert.Equal("a", table["mode"].Format(3));
    }
}
