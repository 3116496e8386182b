using System.Globalization;
using ClinicalGAM.Core.Data.Csv;
using CsCheck;

namespace ClinicalGAM.Core.Tests.Data;

public class ValueParserTests
{
    [Fact]
    public void Fast_decimal_path_gives_the_same_bits_as_double_parse()
    {
        Gen.Select(Gen.Long[-999_999_999_999_999, 999_999_999_999_999], Gen.Int[0, 15])
            .Sample((mantissa, decimals) =>
            {
                string text = (mantissa / Math.Pow(10, decimals)).ToString("F" + decimals, CultureInfo.InvariantCulture);
                double expected = double.Parse(text, CultureInfo.InvariantCulture);
                Assert.True(ValueParser.TryNumber(text, out double actual));
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
            }, iter: 20000);
    }

    [Theory]
    [InlineData("12.5", 12.5)]
    [InlineData("-0.25", -0.25)]
    [InlineData(".5", 0.5)]
    [InlineData("7.", 7.0)]
    [InlineData("1e3", 1000.0)]
    [InlineData("+4", 4.0)]
    [InlineData("1234567890.123456789", 1234567890.123456789)]
    public void Parses_numbers_in_every_invariant_form(string text, double expected)
    {
        Assert.True(ValueParser.TryNumber(text, out double value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1.2.3")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("12O")]
    [InlineData("1,5")]
    [InlineData("Infinity")]
    public void Rejects_what_is_not_a_finite_number(string text) => Assert.False(ValueParser.TryNumber(text, out _));
}
