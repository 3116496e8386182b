using ClinicalGAM.Cli.Commands;
using ClinicalGAM.Core.Modeling.Editing;
using ClinicalGAM.Core.Serialization;

namespace ClinicalGAM.Cli.Tests.Commands;

public class EditAndDiffCommandTests
{
    [Fact]
    public void Edit_writes_a_new_model_with_the_edit_in_its_history_and_leaves_the_input_alone()
    {
        using var cli = new CliHarness();
        string model = cli.SaveModel(TestModels.HbAndMode());
        string before = File.ReadAllText(model);
        string edited = cli.PathOf("edited.json");
        var r = CliHarness.Run(new EditCommand(), "--model", model, "--term", "hb", "--op", "set", "--range", "7:10", "--value", "0.5",
            "--reason", "anaemia treated below 9", "--author", "ana", "--out", edited);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("hb · set 0.5 · bins 2–3", r.Stdout);
        Assert.Equal(before, File.ReadAllText(model));
        var m = GamModelJson.Deserialize(File.ReadAllText(edited));
        Assert.Equal([0.3, 0.9, 0.5, 0.5, -0.3], m.Term("hb")!.Scores);
        var e = Assert.Single(m.Info.Edits);
        Assert.Equal(("anaemia treated below 9", "ana", ShapeEditTool.SetValue), (e.Reason, e.Author, e.Tool));
        Assert.Equal([0.5, -0.1], e.Before);

        // A second edit continues the history; diff names the bins and both edits.
        string twice = cli.PathOf("twice.json");
        Assert.Equal(0, CliHarness.Run(new EditCommand(), "--model", edited, "--term", "mode", "--op", "delete", "--reason", "not actionable", "--out", twice).ExitCode);
        Assert.Equal(2, GamModelJson.Deserialize(File.ReadAllText(twice)).Info.Edits.Count);
        var d = CliHarness.Run(new DiffCommand(), "--model", model, "--model", twice);
        Assert.Equal(0, d.ExitCode);
        Assert.Contains("hb: 1 bins changed (bins 3), largest change 0.6 log-odds", d.Stdout);
        Assert.Contains("mode: removed in B", d.Stdout);
        Assert.Contains("edit in B: mode · delete · whole term · “not actionable”", d.Stdout);
        Assert.DoesNotContain("age", d.Stdout);
    }

    [Fact]
    public void Edit_refuses_a_missing_reason_an_unknown_op_and_overwriting_its_input()
    {
        using var cli = new CliHarness();
        string model = cli.SaveModel(TestModels.HbAndMode());
        var noReason = CliHarness.Run(new EditCommand(), "--model", model, "--term", "hb", "--op", "shift", "--bins", "1:2", "--value", "1", "--out", cli.PathOf("x.json"));
        Assert.Equal(1, noReason.ExitCode);
        Assert.Contains("reason", noReason.Stderr);
        Assert.False(File.Exists(cli.PathOf("x.json")));
        var unknown = CliHarness.Run(new EditCommand(), "--model", model, "--term", "hb", "--op", "wiggle", "--reason", "r", "--out", cli.PathOf("y.json"));
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("flatten-jump", unknown.Stderr);
        var overwrite = CliHarness.Run(new EditCommand(), "--model", model, "--term", "hb", "--op", "align-mean", "--reason", "r", "--out", model);
        Assert.Equal(2, overwrite.ExitCode);
        var nominal = CliHarness.Run(new EditCommand(), "--model", model, "--term", "mode", "--op", "interpolate", "--levels", "caesarean,vaginal", "--reason", "r", "--out", cli.PathOf("z.json"));
        Assert.Equal(1, nominal.ExitCode);
        Assert.Contains("ordered", nominal.Stderr);
    }

    [Fact]
    public void Restore_takes_the_term_back_from_the_fitted_model()
    {
        using var cli = new CliHarness();
        string fitted = cli.SaveModel(TestModels.HbAndMode());
        string deleted = cli.PathOf("deleted.json"), restored = cli.PathOf("restored.json");
        Assert.Equal(0, CliHarness.Run(new EditCommand(), "--model", fitted, "--term", "hb", "--op", "delete", "--reason", "try without", "--out", deleted).ExitCode);
        var r = CliHarness.Run(new EditCommand(), "--model", deleted, "--term", "hb", "--op", "restore", "--fitted", fitted, "--reason", "needed", "--out", restored);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var m = GamModelJson.Deserialize(File.ReadAllText(restored));
        Assert.Equal(TestModels.HbAndMode().Term("hb")!.Scores, m.Term("hb")!.Scores);
        Assert.Equal(["mode", "hb", "age"], m.Terms.Select(t => t.Name)); // back in its fitted place
        var d = CliHarness.Run(new DiffCommand(), "--model", fitted, "--model", restored, "--format", "json");
        Assert.Contains("\"editsInB\": 2", d.Stdout);
        Assert.DoesNotContain("\"changed\"", d.Stdout);
    }
}

public class MergeCommandTests
{
    [Fact]
    public void Merging_a_model_with_its_edited_copy_averages_the_edited_bin_and_refuses_other_bins()
    {
        using var cli = new CliHarness();
        string a = cli.SaveModel(TestModels.HbAndMode(), "a.json");
        string b = cli.PathOf("b.json"), merged = cli.PathOf("merged.json");
        Assert.Equal(0, CliHarness.Run(new EditCommand(), "--model", a, "--term", "hb", "--op", "shift", "--bins", "3:3", "--value", "0.4",
            "--reason", "site B", "--out", b).ExitCode);
        var r = CliHarness.Run(new MergeCommand(), "--model", a, "--model", b, "--out", merged);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var m = ClinicalGAM.Core.Serialization.GamModelJson.Deserialize(File.ReadAllText(merged));
        var hb = m.Term("hb")!.Scores;
        var original = TestModels.HbAndMode().Term("hb")!.Scores;
        // Bin 3 differs by 0.4 between the two: the merge sits half way (up to the re-centring shift shared by all bins).
        Assert.Equal(0.2, (hb[3] - hb[2]) - (original[3] - original[2]), 9);

        var rebinned = new ClinicalGAM.Core.Modeling.GamModel(TestModels.HbAndMode().Info, -2.5,
            [new ClinicalGAM.Core.Modeling.GamTerm("hb", [new ClinicalGAM.Core.Modeling.FeatureBinning
                { Feature = "hb", Kind = ClinicalGAM.Core.Modeling.BinningKind.Continuous, Cuts = [8] }], [0, 0.1, -0.1], [0, 0, 0], [1, 5, 5])]);
        string c = cli.SaveModel(rebinned, "c.json");
        var refused = CliHarness.Run(new MergeCommand(), "--model", a, "--model", c, "--out", cli.PathOf("no.json"));
        Assert.Equal(1, refused.ExitCode);
        Assert.False(File.Exists(cli.PathOf("no.json")));
    }
}

public class BrokenModelFileTests
{
    [Fact]
    public void A_broken_model_file_is_one_error_line_not_a_stack_trace()
    {
        using var cli = new CliHarness();
        string broken = cli.Write("broken.json", "{\"format\":\"clinicalgam-gam\",\"formatVersion\":99}");
        var r = CliHarness.Run(new ExplainCommand(), "--model", broken);
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("error: ", r.Stderr);
        Assert.Contains("format version 99", r.Stderr);
    }
}
