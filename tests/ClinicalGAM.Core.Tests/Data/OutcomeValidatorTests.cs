using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Core.Tests.Data;

public class OutcomeValidatorTests
{
    [Fact]
    public void Accepts_zero_one()
    {
        var table = CsvText.Read("smm\n0\n1\n0\n");
        Assert.Equal([0.0, 1.0, 0.0], OutcomeValidator.RequireBinary(table, "smm"));
    }

    [Theory]
    [InlineData("yes", "no")]
    [InlineData("TRUE", "false")]
    [InlineData("Y", "N")]
    public void Yes_like_word_is_the_event(string yes, string no)
    {
        var table = CsvText.Read($"smm\n{no}\n{yes}\n{no}\n");
        Assert.Equal([0.0, 1.0, 0.0], OutcomeValidator.RequireBinary(table, "smm"));
    }

    [Fact]
    public void Two_arbitrary_labels_map_alphabetically()
    {
        var table = CsvText.Read("status\nsurvived\ndied\nsurvived\n");
        Assert.Equal([1.0, 0.0, 1.0], OutcomeValidator.RequireBinary(table, "status"));
    }

    [Fact]
    public void Third_numeric_value_names_its_line_and_column()
    {
        var table = CsvText.Read("age,smm\n30,0\n31,1\n32,2\n");
        var e = Assert.Throws<CohortFormatException>(() => OutcomeValidator.RequireBinary(table, "smm"));
        Assert.Equal(4, e.Line);
        Assert.Equal("smm", e.Column);
    }

    [Fact]
    public void Third_label_names_its_line()
    {
        var table = CsvText.Read("smm\nyes\nno\nmaybe\nno\n");
        var e = Assert.Throws<CohortFormatException>(() => OutcomeValidator.RequireBinary(table, "smm"));
        Assert.Equal(4, e.Line);
        Assert.Contains("maybe", e.Message);
    }

    [Fact]
    public void Missing_outcome_is_rejected_unless_allowed()
    {
        var table = CsvText.Read("smm,age\n0,1\n,2\n1,3\n");
        var e = Assert.Throws<CohortFormatException>(() => OutcomeValidator.RequireBinary(table, "smm"));
        Assert.Equal(3, e.Line);
        var labels = OutcomeValidator.RequireBinary(table, "smm", allowMissing: true);
        Assert.True(double.IsNaN(labels[1]));
    }

    [Fact]
    public void Constant_outcome_is_rejected()
    {
        var table = CsvText.Read("smm,age\n0,1\n0,2\n");
        Assert.Throws<CohortFormatException>(() => OutcomeValidator.RequireBinary(table, "smm"));
    }
}
