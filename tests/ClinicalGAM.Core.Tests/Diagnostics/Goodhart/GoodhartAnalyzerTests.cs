using ClinicalGAM.Core.Diagnostics.Goodhart;

namespace ClinicalGAM.Core.Tests.Diagnostics.Goodhart;

public class GoodhartAnalyzerTests
{
    [Fact]
    public void A_threshold_is_reported_once_not_again_as_a_counter_direction_range()
    {
        // Falling curve with a jump up at 7: both detectors see it; the threshold explains it.
        var hb = HandBuiltTerms.Build("hemoglobin", x => -0.1 * x - (x < 7 ? 0.8 : 0), seed: 41);
        var smooth = HandBuiltTerms.Build("creatinine", x => 0.05 * x, seed: 42, from: 0.32, to: 3, step: 0.02);
        var context = new GoodhartContext { Model = HandBuiltTerms.Model(hb, smooth) };

        var flags = GoodhartAnalyzer.CreateDefault().Analyze(context);

        var flag = Assert.Single(flags);
        Assert.Equal(GoodhartKind.Threshold, flag.Kind);
        Assert.Equal(7, flag.At);
        var direction = new CounterDirectionDetector().Detect(context);
        Assert.NotEmpty(direction);
    }

    [Fact]
    public void Flags_are_capped()
    {
        var terms = Enumerable.Range(0, 5)
            .Select(i => HandBuiltTerms.Build($"marker_{i}", x => 0.05 * x + (x >= 10.1 ? 0.8 : 0), seed: 50 + i))
            .ToArray();
        var context = new GoodhartContext { Model = HandBuiltTerms.Model(terms), Options = new GoodhartOptions { MaxFlags = 3 } };

        Assert.Equal(3, GoodhartAnalyzer.CreateDefault().Analyze(context).Count);
        Assert.Equal(5, new ThresholdDiscontinuityDetector().Detect(context).Count);
    }
}

public class GoodhartFlagJsonTests
{
    [Fact]
    public void Json_has_the_contract_fields_lower_case_kind_and_no_NaN()
    {
        var flag = new GoodhartFlag
        {
            Feature = "hemoglobin_g_dl", Kind = GoodhartKind.Threshold, At = 7, Effect = 0.8, EffectLow = 0.4,
            EffectHigh = 1.2, Z = 4.1, P = 4e-5, Message = "Risk rises abruptly at hemoglobin_g_dl 7.",
        };

        using var doc = System.Text.Json.JsonDocument.Parse(GoodhartFlagJson.Serialize([flag]));

        var o = doc.RootElement[0];
        Assert.Equal("hemoglobin_g_dl", o.GetProperty("feature").GetString());
        Assert.Equal("threshold", o.GetProperty("kind").GetString());
        Assert.Equal(7, o.GetProperty("at").GetDouble());
        Assert.Equal(0.8, o.GetProperty("effect").GetDouble());
        Assert.Equal(4.1, o.GetProperty("z").GetDouble());
        Assert.Equal(4e-5, o.GetProperty("p").GetDouble());
        Assert.False(o.TryGetProperty("edge", out _));
        Assert.StartsWith("Risk rises", o.GetProperty("message").GetString());
    }
}
