using System.Text.Json.Nodes;
using ClinicalGAM.Core.Data.Derived;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Serialization;

namespace ClinicalGAM.Core.Tests.Serialization;

/// <summary>The model remembers its derived features (added within format version 1; absent means none).</summary>
public class GamModelJsonDerivedFeaturesTests
{
    private static GamModel Model(IReadOnlyList<DerivedFeature> derived)
    {
        var binning = new FeatureBinning { Feature = "ratio", Kind = BinningKind.Continuous, Cuts = [20.0] };
        var term = new GamTerm("ratio", [binning], [0, -0.5, 0.5], [0, 0, 0], [1, 2, 3]);
        return new GamModel(new ModelInfo { Outcome = "smm", Features = ["ratio"], DerivedFeatures = derived }, -2.5, [term]);
    }

    [Fact]
    public void Derived_features_round_trip_in_order()
    {
        DerivedFeature[] derived = [new("height_m", "maternal_height_cm / 100"), new("ratio", "[baby weight] / height_m^2")];
        var back = GamModelJson.Deserialize(GamModelJson.Serialize(Model(derived)));
        Assert.Equal(derived, back.Info.DerivedFeatures);
    }

    [Fact]
    public void A_file_without_derived_features_reads_as_none()
    {
        var json = JsonNode.Parse(GamModelJson.Serialize(Model([new("ratio", "a / b")])))!;
        Assert.NotNull(json["info"]!["derivedFeatures"]);
        json["info"]!.AsObject().Remove("derivedFeatures");
        var back = GamModelJson.Deserialize(json.ToJsonString());
        Assert.Empty(back.Info.DerivedFeatures);
        Assert.Equal(GamModelJson.CurrentFormatVersion, json["formatVersion"]!.GetValue<int>());
    }
}
