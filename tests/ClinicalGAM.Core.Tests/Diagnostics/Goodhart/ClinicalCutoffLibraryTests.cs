using System.Text;
using ClinicalGAM.Core.Diagnostics.Goodhart;

namespace ClinicalGAM.Core.Tests.Diagnostics.Goodhart;

public class ClinicalCutoffLibraryTests
{
    [Fact]
    public void Shipped_library_matches_feature_names_by_alias_words()
    {
        var lib = ClinicalCutoffLibrary.Default;

        var hb = lib.Match("hemoglobin_g_dl", 11.5);
        var sbp = lib.Match("systolic_bp", 118);

        Assert.NotNull(hb);
        Assert.Equal([7.0, 8, 10], hb!.Cutoffs);
        Assert.Equal(-1, hb.RiskDirection);
        Assert.Contains(160.0, sbp!.Cutoffs);
        Assert.Equal(1, sbp.RiskDirection);
        Assert.Equal("HbA1c", lib.Match("hba1c")!.Entry.Name);
        Assert.Null(lib.Match("maternal_age"));
    }

    [Fact]
    public void Cut_offs_follow_the_unit_the_column_is_held_in()
    {
        var hbGramsPerLitre = ClinicalCutoffLibrary.Default.Match("Hb (g/L)", 115);
        var creatinineMicromol = ClinicalCutoffLibrary.Default.Match("creatinine", 70);

        Assert.Equal([70.0, 80, 100], hbGramsPerLitre!.Cutoffs);
        Assert.Equal("g/L", hbGramsPerLitre.Unit);
        Assert.Equal(132.6, creatinineMicromol!.Cutoffs[0], 6);
    }

    [Fact]
    public void A_user_file_replaces_entries_of_the_same_name_and_adds_new_ones()
    {
        const string json = """
            { "version": 1, "biomarkers": [
              { "name": "haemoglobin", "aliases": ["hb"], "cutoffs": [9], "riskDirection": -1 },
              { "name": "troponin", "aliases": ["troponin"], "cutoffs": [14], "riskDirection": 1 } ] }
            """;
        var user = ClinicalCutoffLibrary.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        var lib = ClinicalCutoffLibrary.Default.OverriddenBy(user);

        Assert.Equal([9.0], lib.Match("hb")!.Cutoffs);
        Assert.Null(lib.Match("hemoglobin"));
        Assert.Equal([14.0], lib.Match("troponin_ng_l")!.Cutoffs);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{ \"version\": 1 }")]
    [InlineData("{ \"biomarkers\": [ { \"name\": \"x\", \"riskDirection\": 3 } ] }")]
    public void Invalid_library_files_are_refused_with_a_reason(string json)
    {
        var e = Assert.Throws<FormatException>(() => ClinicalCutoffLibrary.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json))));
        Assert.Contains("library", e.Message);
    }
}
