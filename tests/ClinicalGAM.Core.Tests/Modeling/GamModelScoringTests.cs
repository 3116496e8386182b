using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Tests.Modeling;

public class GamModelScoringTests
{
    private static GamModel OneTermModel()
    {
        var binning = new FeatureBinning { Feature = "hb", Kind = BinningKind.Continuous, Cuts = [7.0] };
        // bins: missing, [.., 7), [7, ..)
        var term = new GamTerm("hb", [binning], scores: [0.5, 1.0, -1.0], standardDeviations: [0, 0, 0], binWeights: [1, 1, 1]);
        return new GamModel(new ModelInfo { Outcome = "smm" }, intercept: -2.0, terms: [term]);
    }

    [Fact]
    public void ScoringDataWithoutAModelFeatureIsRefusedNamingTheColumn()
    {
        var cohort = new CohortTable([new NumericColumn("age", [30.0, 40.0])]);
        var e = Assert.Throws<CohortFormatException>(() => OneTermModel().LinearPredictor(cohort));
        Assert.Equal("hb", e.Column);
        Assert.Contains("'hb'", e.Message);
    }

    [Fact]
    public void MissingValuesUseTheMissingBinAndEdgesAreLowerInclusive()
    {
        var cohort = new CohortTable([new NumericColumn("hb", [double.NaN, 6.9, 7.0])]);
        var eta = OneTermModel().LinearPredictor(cohort);
        Assert.Equal([-1.5, -1.0, -3.0], eta);
    }
}
