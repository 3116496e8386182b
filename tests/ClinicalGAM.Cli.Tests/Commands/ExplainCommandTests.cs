using System.Text.Json;
using ClinicalGAM.Cli.Commands;
using ClinicalGAM.Core.Serialization;

namespace ClinicalGAM.Cli.Tests.Commands;

public class ExplainCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private string SaveModel() => _cli.SaveModel(TestModels.HbAndMode());

    [Fact]
    public void Json_lists_terms_by_importance_with_bins_and_missing()
    {
        var result = CliHarness.Run(new ExplainCommand(), "--model", SaveModel());
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        Assert.Equal("smm", root.GetProperty("outcome").GetString());
        Assert.Equal(-2.5, root.GetProperty("intercept").GetDouble());
        var terms = root.GetProperty("terms").EnumerateArray().ToArray();
        var importances = terms.Select(t => t.GetProperty("importance").GetDouble()).ToArray();
        Assert.Equal(importances.OrderDescending(), importances);
        Assert.Equal(["hb", "mode", "age"], terms.Select(t => t.GetProperty("name").GetString()));

        var hb = terms[0];
        Assert.Equal(["hb"], hb.GetProperty("features").EnumerateArray().Select(f => f.GetString()));
        var bins = hb.GetProperty("bins").EnumerateArray().ToArray();
        Assert.Equal(4, bins.Length);
        Assert.Equal(4, bins[0].GetProperty("lower").GetDouble());
        Assert.Equal(7, bins[0].GetProperty("upper").GetDouble());
        Assert.Equal(0.9, bins[0].GetProperty("score").GetDouble());
        Assert.Equal(40, bins[0].GetProperty("n").GetDouble());
        Assert.Equal(0.3, hb.GetProperty("missing").GetProperty("score").GetDouble());
        Assert.Equal(JsonValueKind.Null, terms[1].GetProperty("bins")[0].GetProperty("lower").ValueKind);
        Assert.Equal("caesarean", terms[1].GetProperty("bins")[0].GetProperty("label").GetString());
    }

    [Fact]
    public void Text_format_ranks_terms_and_prints_shapes()
    {
        var result = CliHarness.Run(new ExplainCommand(), "--model", SaveModel(), "--format", "text");
        Assert.Equal(0, result.ExitCode);
        int hb = result.Stdout.IndexOf("1. hb", StringComparison.Ordinal);
        int mode = result.Stdout.IndexOf("2. mode", StringComparison.Ordinal);
        Assert.True(hb >= 0 && mode > hb, result.Stdout);
        Assert.Contains("[7, 9)", result.Stdout);
    }

    [Fact]
    public void Unknown_format_is_a_usage_error()
    {
        var result = CliHarness.Run(new ExplainCommand(), "--model", SaveModel(), "--format", "xml");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage: clinicalgam explain", result.Stderr);
    }
}
