using System.Text;
using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Core.Tests.Data;

public class CohortCsvWriterTests
{
    [Fact]
    public void Written_cohort_reads_back_with_the_same_values()
    {
        var original = new CohortTable([
            new NumericColumn("hb", [11.25, double.NaN, 6.9, 1e-7]),
            new CategoricalColumn("mode", [0, 1, -1, 0], ["caesarean, emergency", "say \"hi\""]),
            new NumericColumn("smm", [0, 1, 0, 1], ColumnKind.Binary),
        ]);
        using var buffer = new MemoryStream();
        CohortCsvWriter.Write(original, buffer);
        var copy = CohortCsvReader.Read(new MemoryStream(buffer.ToArray()));

        Assert.Equal(((NumericColumn)original["hb"]).Values.ToArray(), ((NumericColumn)copy["hb"]).Values.ToArray());
        for (int r = 0; r < 4; r++) Assert.Equal(original["mode"].Format(r), copy["mode"].Format(r));
        Assert.Equal(ColumnKind.Binary, copy["smm"].Kind);
        Assert.StartsWith("hb,mode,smm\n", Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
