using ClinicalGAM.Core.Data;
using ClinicalGAM.TestFiles;

namespace ClinicalGAM.Core.Tests.Data.Sources;

/// <summary>Every file of the reliability corpus through the Core reader: its sentence, line and column, or its reading.</summary>
public class MalformedCorpusTests
{
    public static IEnumerable<object[]> Names => MalformedCorpus.Names;

    [Fact]
    public void The_corpus_holds_at_least_25_bad_files_and_the_good_ones_beside_them()
    {
        Assert.True(MalformedCorpus.All.Count(c => c.Fails) >= 25, $"{MalformedCorpus.All.Count(c => c.Fails)} bad files");
        Assert.True(MalformedCorpus.All.Count(c => !c.Fails) >= 8);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_file_gets_its_sentence_or_is_read_correctly(string name)
    {
        var file = MalformedCorpus.Get(name);
        var notices = new List<string>();
        CohortTable Read() => CohortFileReader.Read(new MemoryStream(file.Bytes()), CohortFileReader.FormatOf(file.FileName), file.Options(notices.Add));

        if (file.Fails)
        {
            var e = Assert.Throws<CohortFormatException>(Read);
            Assert.Contains(file.Error!, e.Message);
            if (file.Line is { } line) Assert.Equal(line, e.Line);
            if (file.Column is { } column) Assert.Equal(column, e.Column);
            Assert.DoesNotContain("MaxBufferSize", e.Message);
            return;
        }
        var table = Read();
        Assert.Equal(file.Rows, table.RowCount);
        Assert.Equal(file.Columns, table.Columns.Count);
        file.Check?.Invoke(table);
        if (file.Notice is { } notice) Assert.Contains(notice, Assert.Single(notices));
        else Assert.Empty(notices);
        Assert.DoesNotContain(table.Columns, c => c.Name.Contains('\uFFFD'));
    }
}
