using System.Text;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Serialization;
using CsCheck;

namespace ClinicalGAM.Core.Tests.Serialization;

public class GamModelJsonTests
{
    private static readonly double[] Specials =
        [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.Epsilon, double.MaxValue, double.MinValue];

    // Doubles drawn from the whole bit space (CsCheck's Gen.Double covers subnormals, ±0, ±Infinity and NaN).
    private static readonly Gen<double> AnyDouble = Gen.Frequency((6, Gen.Double), (1, Gen.Int[0, Specials.Length - 1].Select(i => Specials[i])));


    private static Gen<FeatureBinning> BinningGen(string feature) =>
        Gen.OneOf(
            Gen.Select(AnyDouble.Array[0, 6], AnyDouble, AnyDouble, (cuts, min, max) => new FeatureBinning
            {
                Feature = feature, Kind = BinningKind.Continuous, Cuts = cuts, Min = min, Max = max,
            }),
            Gen.Select(Gen.String.Array[0, 4], Gen.Bool, (levels, ordinal) => new FeatureBinning
            {
                Feature = feature, Kind = ordinal ? BinningKind.Ordinal : BinningKind.Nominal, Levels = levels,
            }));

    private static Gen<GamTerm> TermGen(int index, int bags) =>
        Gen.Int[1, 2].SelectMany(dims =>
            (dims == 1 ? BinningGen($"f{index}").Select(b => new[] { b })
                       : Gen.Select(BinningGen($"f{index}"), BinningGen($"g{index}"), (a, b) => new[] { a, b }))
            .SelectMany(binnings =>
            {
                int cells = binnings.Aggregate(1, (n, b) => n * b.BinCount);
                return Gen.Select(AnyDouble.Array[cells], AnyDouble.Array[cells], AnyDouble.Array[cells],
                    AnyDouble.Array[cells].Array[bags],
                    (s, sd, w, bagScores) => new GamTerm($"term {index} ünïcode \"quoted\"", binnings, s, sd, w,
                        bags == 0 ? null : bagScores));
            }));

    private static readonly Gen<GamModel> ModelGen =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 4]).SelectMany((bags, termCount) =>
            Gen.Select(
                Gen.Select(Gen.Enum<Objective>(), AnyDouble, AnyDouble.Array[bags]), Gen.Int, Gen.Long[0, 4_000_000_000_000L],
                TermsGen(termCount, bags),
                (head, seed, ms, terms) =>
                {
                    var (objective, intercept, bagIntercepts) = head;
                    return new GamModel(
                    new ModelInfo
                    {
                        Engine = "ebm", Outcome = "smm", Objective = objective, Seed = seed,
                        Features = terms.SelectMany(t => t.Features).ToArray(), WeightColumn = seed % 2 == 0 ? null : "w",
                        TrainingRows = Math.Abs(seed % 1000), FitSeconds = intercept,
                        CreatedUtc = DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(TimeSpan.FromHours(seed % 3)),
                        Settings = new Dictionary<string, string> { ["learning_rate"] = "0.015", ["bags"] = bags.ToString() },
                    },
                    intercept, terms, bags == 0 ? null : bagIntercepts);
                }));

    private static Gen<List<GamTerm>> TermsGen(int count, int bags)
    {
        var gen = Gen.Const(new List<GamTerm>());
        for (int i = 0; i < count; i++)
        {
            int index = i;
            gen = gen.SelectMany(list => TermGen(index, bags).Select(t => new List<GamTerm>(list) { t }));
        }
        return gen;
    }

    [Fact]
    public void RoundTripIsExactForAnyModel()
    {
        ModelGen.Sample(model =>
        {
            var back = GamModelJson.Deserialize(GamModelJson.Serialize(model));
            AssertSameModel(model, back);
        }, iter: 200);
    }

    [Fact]
    public void StreamRoundTripMatchesStringRoundTrip()
    {
        ModelGen.Sample(model =>
        {
            using var stream = new MemoryStream();
            GamModelJson.Write(model, stream);
            stream.Position = 0;
            Assert.Equal(GamModelJson.Serialize(model), Encoding.UTF8.GetString(stream.ToArray()));
            AssertSameModel(model, GamModelJson.Read(stream));
        }, iter: 50);
    }

    [Fact]
    public void SpecialDoublesAreWrittenAsNamedLiterals()
    {
        var model = SmallModel(double.NaN, double.PositiveInfinity);
        var json = GamModelJson.Serialize(model);
        Assert.Contains("\"NaN\"", json);
        Assert.Contains("\"Infinity\"", json);
        Assert.Contains("\"formatVersion\":2", json);
        var back = GamModelJson.Deserialize(json);
        Assert.True(double.IsNaN(back.Intercept));
        Assert.Equal(double.PositiveInfinity, back.Terms[0].Scores[1]);
    }

    [Fact]
    public void Version1FilesWithPlainNumberBagScoresAreStillRead()
    {
        // A version 1 file as written before bag scores were packed (hand-written, not produced by the current writer).
        const string v1 = "{\"format\":\"clinicalgam-gam\",\"formatVersion\":1," +
            "\"info\":{\"engine\":\"ebm\",\"outcome\":\"y\",\"objective\":\"LogLoss\",\"features\":[\"x\"]}," +
            "\"intercept\":-1.5,\"bagIntercepts\":[-1.4,-1.6]," +
            "\"terms\":[{\"name\":\"x\",\"binnings\":[{\"feature\":\"x\",\"kind\":\"Continuous\",\"cuts\":[2.5],\"min\":0,\"max\":5}]," +
            "\"scores\":[0,-0.25,0.25],\"standardDeviations\":[0,0.05,0.05],\"binWeights\":[0,10,12]," +
            "\"bagScores\":[[0,-0.2,0.3],[0,-0.3,\"NaN\"]]}]}";
        var model = GamModelJson.Deserialize(v1);
        Assert.Equal([0, -0.3, double.NaN], model.Terms[0].BagScores![1]);
        Assert.Equal(0.25, model.Terms[0].Scores[2]);
        Assert.Contains("\"formatVersion\":2", GamModelJson.Serialize(model));
    }

    [Fact]
    public void PackedBagScoresTakeAboutHalfTheTextOfDecimalNumbers()
    {
        var rng = new Random(3);
        var bags = Enumerable.Range(0, 14).Select(_ => Enumerable.Range(0, 65 * 65).Select(_ => rng.NextDouble() - 0.5).ToArray()).ToArray();
        var binnings = new[]
        {
            new FeatureBinning { Feature = "a", Kind = BinningKind.Continuous, Cuts = Enumerable.Range(1, 63).Select(i => (double)i).ToArray() },
            new FeatureBinning { Feature = "b", Kind = BinningKind.Continuous, Cuts = Enumerable.Range(1, 63).Select(i => (double)i).ToArray() },
        };
        int cells = binnings[0].BinCount * binnings[1].BinCount;
        var term = new GamTerm("a x b", binnings, new double[cells], new double[cells], new double[cells],
            bags.Select(b => b.Take(cells).ToArray()).ToArray());
        var model = new GamModel(new ModelInfo { Engine = "ebm", Outcome = "y", Features = ["a", "b"] }, 0, [term],
            new double[14]);
        int packed = GamModelJson.Serialize(model).Length;
        int decimalText = string.Join(",", term.BagScores!.SelectMany(r => r).Select(v => v.ToString("R"))).Length;
        Assert.True(packed < 0.65 * decimalText, $"packed model {packed} chars vs {decimalText} chars of decimal bag scores");
        AssertSameModel(model, GamModelJson.Deserialize(GamModelJson.Serialize(model)));
    }

    [Fact]
    public void NewerFormatVersionIsRefusedWithAClearMessage()
    {
        var json = GamModelJson.Serialize(SmallModel(0.5, 1.0)).Replace("\"formatVersion\":2", "\"formatVersion\":7");
        var e = Assert.Throws<GamModelFormatException>(() => GamModelJson.Deserialize(json));
        Assert.Contains("format version 7", e.Message);
        Assert.Contains("up to version 2", e.Message);
    }

    [Fact]
    public void NewerVersionIsRefusedEvenWhenItsShapeIsUnknown()
    {
        var e = Assert.Throws<GamModelFormatException>(() =>
            GamModelJson.Deserialize("{\"format\":\"clinicalgam-gam\",\"formatVersion\":3,\"terms\":\"a new layout\"}"));
        Assert.Contains("format version 3", e.Message);
    }

    [Fact]
    public void MalformedJsonNamesTheLine()
    {
        var json = GamModelJson.Serialize(SmallModel(0.5, 1.0));
        var broken = json[..(json.Length / 2)];
        var e = Assert.Throws<GamModelFormatException>(() => GamModelJson.Deserialize(broken));
        Assert.Contains("not valid JSON (line ", e.Message);
    }

    [Fact]
    public void MissingVersionIsRefused()
    {
        var e = Assert.Throws<GamModelFormatException>(() => GamModelJson.Deserialize("{\"intercept\": 1}"));
        Assert.Contains("formatVersion", e.Message);
    }

    [Fact]
    public void WrongCellCountIsReportedAsInconsistent()
    {
        var json = GamModelJson.Serialize(SmallModel(0.5, 1.0));
        var doc = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        doc["terms"]![0]!["scores"] = new System.Text.Json.Nodes.JsonArray(1.0);
        var e = Assert.Throws<GamModelFormatException>(() => GamModelJson.Deserialize(doc.ToJsonString()));
        Assert.Contains("inconsistent", e.Message);
    }

    private static GamModel SmallModel(double intercept, double score)
    {
        var binning = new FeatureBinning { Feature = "hb", Kind = BinningKind.Continuous, Cuts = [7.0] };
        var term = new GamTerm("hb", [binning], [0, score, -1], [0, 0, 0], [1, 2, 3]);
        return new GamModel(new ModelInfo { Outcome = "smm" }, intercept, [term]);
    }

    private static void AssertSameModel(GamModel expected, GamModel actual)
    {
        AssertBits(expected.Intercept, actual.Intercept);
        AssertBits(expected.BagIntercepts, actual.BagIntercepts);
        Assert.Equal(expected.Info.Engine, actual.Info.Engine);
        Assert.Equal(expected.Info.Objective, actual.Info.Objective);
        Assert.Equal(expected.Info.Seed, actual.Info.Seed);
        Assert.Equal(expected.Info.Features, actual.Info.Features);
        Assert.Equal(expected.Info.WeightColumn, actual.Info.WeightColumn);
        Assert.Equal(expected.Info.TrainingRows, actual.Info.TrainingRows);
        AssertBits(expected.Info.FitSeconds, actual.Info.FitSeconds);
        Assert.Equal(expected.Info.CreatedUtc, actual.Info.CreatedUtc);
        Assert.Equal(expected.Info.CreatedUtc.Offset, actual.Info.CreatedUtc.Offset);
        Assert.Equal(expected.Info.Settings, actual.Info.Settings);
        Assert.Equal(expected.Terms.Count, actual.Terms.Count);
        for (int t = 0; t < expected.Terms.Count; t++)
        {
            var (e, a) = (expected.Terms[t], actual.Terms[t]);
            Assert.Equal(e.Name, a.Name);
            Assert.Equal(e.Binnings.Length, a.Binnings.Length);
            for (int d = 0; d < e.Binnings.Length; d++)
            {
                Assert.Equal(e.Binnings[d].Feature, a.Binnings[d].Feature);
                Assert.Equal(e.Binnings[d].Kind, a.Binnings[d].Kind);
                Assert.Equal(e.Binnings[d].Levels, a.Binnings[d].Levels);
                AssertBits(e.Binnings[d].Cuts, a.Binnings[d].Cuts);
                AssertBits(e.Binnings[d].Min, a.Binnings[d].Min);
                AssertBits(e.Binnings[d].Max, a.Binnings[d].Max);
            }
            AssertBits(e.Scores, a.Scores);
            AssertBits(e.StandardDeviations, a.StandardDeviations);
            AssertBits(e.BinWeights, a.BinWeights);
            Assert.Equal(e.BagScores is null, a.BagScores is null);
            if (e.BagScores is not null)
                for (int b = 0; b < e.BagScores.Length; b++) AssertBits(e.BagScores[b], a.BagScores![b]);
        }
    }

    private static void AssertBits(double[]? expected, double[]? actual)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is null) return;
        Assert.Equal(expected.Length, actual!.Length);
        for (int i = 0; i < expected.Length; i++) AssertBits(expected[i], actual[i]);
    }

    // Bit-exact, except that every NaN payload reads back as the canonical NaN (JSON has one NaN literal).
    private static void AssertBits(double expected, double actual)
    {
        if (double.IsNaN(expected)) Assert.True(double.IsNaN(actual));
        else Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
    }
}
