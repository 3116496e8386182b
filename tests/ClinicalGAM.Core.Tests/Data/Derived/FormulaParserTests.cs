using ClinicalGAM.Core.Data.Derived;
using CsCheck;
using static ClinicalGAM.Core.Tests.Data.Derived.DerivedTestCohort;

namespace ClinicalGAM.Core.Tests.Data.Derived;

public class FormulaParserTests
{
    [Theory]
    [InlineData("2^3^2", 512)]          // ^ is right-associative: 2^(3^2)
    [InlineData("-2^2", -4)]            // ^ binds tighter than unary minus, as in mathematics, R and Python
    [InlineData("(-2)^2", 4)]
    [InlineData("2^-1", 0.5)]           // an exponent may carry its own sign
    [InlineData("1 - 2 - 3", -4)]       // left-associative
    [InlineData("8 / 4 / 2", 1)]
    [InlineData("2 + 3 * 4", 14)]
    [InlineData("(2 + 3) * 4", 20)]
    [InlineData("-3 * -2", 6)]
    [InlineData("2 * 3 ^ 2", 18)]
    [InlineData("1.5e3 + .5", 1500.5)]
    [InlineData("1 + 2 < 4", 1)]        // comparison binds loosest
    [InlineData("if(3 >= 4, 10, 20)", 20)]
    [InlineData("clip(150, 0, 100)", 100)]
    [InlineData("min(4, 2, 9) + max(1, 7)", 9)]
    [InlineData("round(2.5) + round(1.2345, 2)", 4.23)]
    [InlineData("log(exp(2)) + ln(1) + log10(1000)", 5)]
    [InlineData("sqrt(16) * abs(-2) + pow(2, 10)", 1032)]
    public void Arithmetic_follows_documented_precedence_and_associativity(string formula, double expected) =>
        Assert.Equal(expected, Value(formula), 12);

    [Fact]
    public void Column_names_may_be_bare_bracketed_or_backticked()
    {
        var node = FormulaParser.Parse("[maternal height (cm)] + `weight]kg` + bmi.z_2");
        Assert.Equal(["maternal height (cm)", "weight]kg", "bmi.z_2"], FormulaValidator.Columns(node));
    }

    [Theory]
    [InlineData("weight_kg / ", 12, "ends where a value")]
    [InlineData("(weight_kg + 2", 0, "Missing ')'")]
    [InlineData("weight_kg + 2)", 13, "Unmatched ')'")]
    [InlineData("weight_kg * * 2", 12, "Unexpected '*'")]
    [InlineData("weight_kg height", 10, "Expected an operator before 'height'")]
    [InlineData("weight_kg = 2", 10, "use ==")]
    [InlineData("[maternal height", 0, "Missing ']'")]
    [InlineData("1 < x < 3", 6, "cannot be chained")]
    [InlineData("2x", 0, "cannot start with a digit")]
    [InlineData("log(x,", 6, "ends where a value")]
    [InlineData("weight_kg $ 2", 10, "Expected an operator before '$'")]
    [InlineData("   ", 0, "empty")]
    public void Syntax_errors_name_the_character_position(string formula, int position, string fragment)
    {
        var e = Assert.Throws<FormulaSyntaxException>(() => FormulaParser.Parse(formula));
        Assert.Equal(position, e.Error.Position);
        Assert.Contains(fragment, e.Error.Message);
        Assert.Contains($"at character {position + 1}", e.Message);
    }

    [Theory]
    [InlineData(150, "(", ")")]          // parentheses
    [InlineData(150, "-", "")]           // unary signs
    [InlineData(150, "log(", ")")]       // calls
    public void Pathological_nesting_is_refused_instead_of_exhausting_the_stack(int depth, string open, string close)
    {
        string formula = string.Concat(Enumerable.Repeat(open, depth)) + "x" + string.Concat(Enumerable.Repeat(close, depth));
        var e = Assert.Throws<FormulaSyntaxException>(() => FormulaParser.Parse(formula));
        Assert.Contains($"deeper than {FormulaParser.MaxDepth} levels", e.Error.Message);
    }

    [Fact]
    public void Long_chains_and_long_formulas_are_bounded_but_ordinary_ones_pass()
    {
        Assert.Equal(50, Value(string.Join(" + ", Enumerable.Repeat("1", 50))));
        var chain = Assert.Throws<FormulaSyntaxException>(() => FormulaParser.Parse(string.Join("+", Enumerable.Repeat("1", 150))));
        Assert.Contains("deeper than", chain.Error.Message);
        var longOne = Assert.Throws<FormulaSyntaxException>(() => FormulaParser.Parse("x" + new string(' ', FormulaParser.MaxLength)));
        Assert.Contains("longer than", longOne.Error.Message);
    }

    [Fact]
    public void Printing_a_random_tree_and_parsing_it_back_gives_the_same_tree() =>
        Gen.Int.Sample(seed =>
        {
            var tree = RandomFormula.Tree(new Random(seed), depth: 5);
            string printed = tree.ToFormula();
            var reparsed = FormulaParser.Parse(printed);
            Assert.Equal(printed, reparsed.ToFormula());
            Assert.Equal(RandomFormula.Shape(tree), RandomFormula.Shape(reparsed));
        }, iter: 500);
}
