using System.Text;
using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Core.Tests.Data;

internal static class CsvText
{
    public static CohortTable Read(string csv, CsvReadOptions? options = null) =>
        CohortCsvReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), options);

    public static CohortFormatException Fails(string csv, CsvReadOptions? options = null) =>
        Assert.Throws<CohortFormatException>(() => Read(csv, options));
}
