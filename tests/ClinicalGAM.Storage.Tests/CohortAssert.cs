using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Storage.Tests;

public static class CohortAssert
{
    /// <summary>Same columns in the same order, same kinds, and every value identical bit for bit.</summary>
    public static void Identical(CohortTable expected, CohortTable actual)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        Assert.Equal(expected.Columns.Select(c => c.Name), actual.Columns.Select(c => c.Name));
        for (int c = 0; c < expected.Columns.Count; c++)
            Identical(expected.Columns[c], actual.Columns[c]);
    }

    public static void Identical(CohortColumn expected, CohortColumn actual)
    {
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.GetType(), actual.GetType());
        switch (expected)
        {
            case NumericColumn e:
                var a = (NumericColumn)actual;
                Assert.Equal(e.Length, a.Length);
                for (int i = 0; i < e.Length; i++)
                    if (BitConverter.DoubleToInt64Bits(e[i]) != BitConverter.DoubleToInt64Bits(a[i]))
                        Assert.Fail($"Column '{e.Name}' row {i}: expected {e[i]:R}, got {a[i]:R}.");
                break;
            case CategoricalColumn e:
                var k = (CategoricalColumn)actual;
                Assert.Equal(e.Levels, k.Levels);
                Assert.True(e.Codes.SequenceEqual(k.Codes), $"Column '{e.Name}': level codes differ.");
                break;
        }
    }
}
