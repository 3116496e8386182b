using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Data.Derived;
using CsCheck;
using static ClinicalGAM.Core.Tests.Data.Derived.DerivedTestCohort;

namespace ClinicalGAM.Core.Tests.Data.Derived;

public class DerivedFeatureEvaluatorTests
{
    private static DerivedFeatureResult Evaluate(string formula, CohortTable? table = null) =>
        DerivedFeatureEvaluator.Evaluate(table ?? Mothers(), new DerivedFeature("derived", formula));

    [Fact]
    public void Baby_weight_over_maternal_height_matches_manual_division()
    {
        var table = Mothers();
        var result = Evaluate("baby_weight_g / maternal_height_cm", table);
        var weight = ((NumericColumn)table["baby_weight_g"]).Values;
        var height = ((NumericColumn)table["maternal_height_cm"]).Values;
        Assert.Equal(weight[0] / height[0], result.Column[0]);
        Assert.Equal(weight[1] / height[1], result.Column[1]);
        Assert.Equal(ColumnKind.Numeric, result.Column.Kind);
        Assert.Equal("derived", result.Column.Name);
    }

    [Fact]
    public void Bmi_style_formula_squares_the_height_in_metres()
    {
        var result = Evaluate("weight_kg / (maternal_height_cm / 100)^2");
        Assert.Equal(70 / (1.65 * 1.65), result.Column[0], 10);
        Assert.Equal(82 / (1.58 * 1.58), result.Column[1], 10);
        // Only the input that is actually missing is named (weight_kg is complete).
        Assert.Equal("maternal_height_cm is missing", Assert.Single(result.Missing, m => m.Reason == MissingReason.MissingInput).Condition);
    }

    [Fact]
    public void Missing_inputs_give_missing_results_and_division_by_zero_is_counted_with_its_condition()
    {
        var result = Evaluate("baby_weight_g / maternal_height_cm");
        // Row 2: height missing; row 3: height 0; row 4: weight missing.
        Assert.True(double.IsNaN(result.Column[2]));
        Assert.True(double.IsNaN(result.Column[3]));
        Assert.True(double.IsNaN(result.Column[4]));
        Assert.Equal(3, result.MissingCount);
        var byZero = Assert.Single(result.Missing, m => m.Reason == MissingReason.DivisionByZero);
        Assert.Equal(1, byZero.Rows);
        Assert.Equal("division by zero in 1 row: maternal_height_cm = 0", byZero.Message);
        var missingInput = Assert.Single(result.Missing, m => m.Reason == MissingReason.MissingInput);
        Assert.Equal(2, missingInput.Rows);
        Assert.Contains("baby_weight_g", missingInput.Condition);
        Assert.Equal(1, result.UndefinedCount);
    }

    [Fact]
    public void Log_and_sqrt_outside_their_domain_are_missing_with_the_reason()
    {
        var table = new CohortTable([new NumericColumn("x", [-4, 0, 4, double.NaN])]);
        var log = Evaluate("log(x)", table);
        Assert.Equal(Math.Log(4), log.Column[2]);
        Assert.Equal(2, Assert.Single(log.Missing, m => m.Reason == MissingReason.LogOfNonPositive).Rows);
        Assert.Equal("x <= 0", log.Missing.Single(m => m.Reason == MissingReason.LogOfNonPositive).Condition);

        var root = Evaluate("sqrt(x - 1)", table);
        Assert.Equal(Math.Sqrt(3), root.Column[2]);
        var negative = Assert.Single(root.Missing, m => m.Reason == MissingReason.SqrtOfNegative);
        Assert.Equal((2, "x - 1 < 0"), (negative.Rows, negative.Condition));
        Assert.Equal(1, Assert.Single(root.Missing, m => m.Reason == MissingReason.MissingInput).Rows);
    }

    [Fact]
    public void Undefined_powers_and_overflow_are_missing_not_infinite()
    {
        var table = new CohortTable([new NumericColumn("x", [-8, 0, 1000])]);
        var power = Evaluate("x ^ 0.5", table);
        Assert.Equal(0, power.Column[1]);
        Assert.Equal(Math.Sqrt(1000), power.Column[2], 12);
        Assert.Equal(1, Assert.Single(power.Missing).Rows);
        Assert.Equal(MissingReason.UndefinedPower, power.Missing[0].Reason);

        var exp = Evaluate("exp(x)", table);
        Assert.Equal(1, exp.Column[1]);
        Assert.True(double.IsNaN(exp.Column[2]));
        Assert.Equal(MissingReason.TooLarge, Assert.Single(exp.Missing).Reason);
    }

    [Fact]
    public void A_guarded_division_is_not_reported_as_undefined()
    {
        var result = Evaluate("if(maternal_height_cm > 0, baby_weight_g / maternal_height_cm, 0)");
        Assert.Equal(0, result.Column[3]);
        Assert.DoesNotContain(result.Missing, m => m.Reason == MissingReason.DivisionByZero);
    }

    [Fact]
    public void Unknown_column_is_named_with_the_nearest_suggestion_and_position()
    {
        var feature = new DerivedFeature("ratio", "baby_weight_g / maternal_hieght_cm");
        var e = Assert.Throws<DerivedFeatureException>(() => DerivedFeatureEvaluator.Evaluate(Mothers(), feature));
        Assert.Contains("Unknown column 'maternal_hieght_cm'", e.Message);
        Assert.Contains("Did you mean 'maternal_height_cm'?", e.Message);
        Assert.Equal(16, e.Position);
        Assert.Equal("maternal_hieght_cm".Length, e.Length);
        Assert.Equal("ratio", e.FeatureName);
    }

    [Fact]
    public void Unrelated_unknown_column_gets_no_suggestion()
    {
        var errors = DerivedFeatureEvaluator.Validate(Mothers(), new DerivedFeature("f", "zzz + 1"));
        Assert.Equal("Unknown column 'zzz'.", Assert.Single(errors).Message);
    }

    [Theory]
    [InlineData("delivery_mode * 2", "'delivery_mode' is categorical")]
    [InlineData("log(patient_id)", "'patient_id' is an identifier")]
    public void Categorical_and_identifier_columns_are_refused_in_arithmetic(string formula, string fragment)
    {
        var error = Assert.Single(DerivedFeatureEvaluator.Validate(Mothers(), new DerivedFeature("f", formula)));
        Assert.Contains(fragment, error.Message);
        Assert.Contains("cannot be used in arithmetic", error.Message);
    }

    [Fact]
    public void Validation_reports_every_problem_at_once()
    {
        var errors = DerivedFeatureEvaluator.Validate(Mothers(), new DerivedFeature("weight_kg", "lg(wieght_kg) + clip(1, 2) + delivery_mode"));
        Assert.Contains(errors, e => e.Message.Contains("already has a column named 'weight_kg'"));
        Assert.Contains(errors, e => e.Message.Contains("Unknown function 'lg'") && e.Message.Contains("'log'"));
        Assert.Contains(errors, e => e.Message.Contains("'weight_kg'?"));
        Assert.Contains(errors, e => e.Message.Contains("clip() got 2 arguments"));
        Assert.Contains(errors, e => e.Message.Contains("categorical"));
        Assert.Empty(DerivedFeatureEvaluator.Validate(Mothers(), new DerivedFeature("bmi", "weight_kg / (maternal_height_cm/100)^2")));
    }

    [Fact]
    public void Syntax_error_surfaces_with_its_position()
    {
        var e = Assert.Throws<DerivedFeatureException>(() => Evaluate("weight_kg * (2 + 3"));
        Assert.Equal(12, e.Position);
        Assert.Contains("Derived feature 'derived'", e.Message);
    }

    [Fact]
    public void Apply_appends_in_order_so_a_later_formula_can_use_an_earlier_one()
    {
        var table = DerivedFeatureEvaluator.Apply(Mothers(),
        [
            new DerivedFeature("height_m", "maternal_height_cm / 100"),
            new DerivedFeature("bmi", "weight_kg / height_m^2"),
            new DerivedFeature("obese", "bmi >= 30"),
        ]);
        Assert.Equal(["height_m", "bmi", "obese"], table.Columns.Skip(6).Select(c => c.Name));
        var bmi = (NumericColumn)table["bmi"];
        Assert.Equal(82 / (1.58 * 1.58), bmi[1], 10);
        var obese = (NumericColumn)table["obese"];
        Assert.Equal(ColumnKind.Binary, obese.Kind);
        Assert.Equal(1, obese[1]);  // 32.8
        Assert.Equal(0, obese[0]);  // 25.7
        Assert.True(double.IsNaN(obese[2]));
    }

    [Fact]
    public void Apply_refuses_a_name_that_clashes_with_a_column()
    {
        var e = Assert.Throws<DerivedFeatureException>(() =>
            DerivedFeatureEvaluator.Apply(Mothers(), [new DerivedFeature("a", "weight_kg"), new DerivedFeature("a", "1")]));
        Assert.Contains("already has a column named 'a'", e.Message);
    }

    [Fact]
    public void Evaluation_never_changes_the_input_columns()
    {
        var table = Mothers();
        Evaluate("-weight_kg", table);
        Evaluate("weight_kg", table);
        Assert.Equal(70, ((NumericColumn)table["weight_kg"])[0]);
        var copy = Evaluate("weight_kg", table);
        Assert.Equal(70, copy.Column[0]);
    }

    [Fact]
    public void Preview_shows_the_first_rows_with_their_inputs()
    {
        var result = DerivedFeatureEvaluator.Evaluate(Mothers(), new DerivedFeature("r", "baby_weight_g / maternal_height_cm + baby_weight_g"), 3);
        Assert.Equal(["baby_weight_g", "maternal_height_cm"], result.Preview.InputColumns);
        Assert.Equal(3, result.Preview.Rows.Count);
        Assert.Equal([3100, double.NaN], result.Preview.Rows[2].Inputs);
        Assert.Equal(3400 / 165.0 + 3400, result.Preview.Rows[0].Value);
    }

    [Fact]
    public void Parse_reads_the_command_line_form()
    {
        Assert.Equal(new DerivedFeature("bmi", "w / h^2 == 3"), DerivedFeature.Parse(" bmi = w / h^2 == 3"));
        Assert.Throws<DerivedFeatureException>(() => DerivedFeature.Parse("=x"));
        Assert.Throws<DerivedFeatureException>(() => DerivedFeature.Parse("just a formula"));
    }

    [Fact]
    public void Constants_on_either_side_agree_with_direct_computation()
    {
        (string Formula, Func<double, double, double> Direct)[] cases =
        [
            ("x + c", (x, c) => x + c), ("c + x", (x, c) => c + x), ("x - c", (x, c) => x - c), ("c - x", (x, c) => c - x),
            ("x * c", (x, c) => x * c), ("c * x", (x, c) => c * x), ("x / c", (x, c) => c == 0 ? double.NaN : x / c),
            ("c / x", (x, c) => x == 0 ? double.NaN : c / x), ("x ^ 2", (x, _) => x * x), ("x ^ c", Math.Pow),
            ("c ^ x", (x, c) => Math.Pow(c, x)), ("x > c", (x, c) => x > c ? 1 : 0), ("c > x", (x, c) => c > x ? 1 : 0),
            ("x <= c", (x, c) => x <= c ? 1 : 0), ("c == x", (x, c) => c == x ? 1 : 0), ("x != -c", (x, c) => x != -c ? 1 : 0),
        ];
        var value = Gen.Frequency((8, Gen.Double[-50, 50]), (1, Gen.Const(double.NaN)), (1, Gen.Const(0.0)), (1, Gen.Const(2.0)));
        Gen.Select(value.Array[1, 20], Gen.OneOf(Gen.Double[-5, 5], Gen.Const(0.0), Gen.Const(2.0)), Gen.Int[0, cases.Length - 1])
            .Sample((x, c, which) =>
            {
                var (formula, direct) = cases[which];
                string text = formula.Replace("c", $"({c.ToString("R", System.Globalization.CultureInfo.InvariantCulture)})");
                var result = Evaluate(text, new CohortTable([new NumericColumn("x", x)]));
                for (int i = 0; i < x.Length; i++)
                {
                    double expected = double.IsNaN(x[i]) ? double.NaN : direct(x[i], c);
                    if (!double.IsFinite(expected)) expected = double.NaN;
                    Assert.Equal(expected, result.Column[i], 12);
                }
            });
    }

    [Fact]
    public void Evaluator_agrees_with_direct_computation_on_random_inputs()
    {
        var value = Gen.Frequency((9, Gen.Double[-1e3, 1e3]), (1, Gen.Const(double.NaN)), (1, Gen.Const(0.0)));
        Gen.Select(value.Array[1, 40], Gen.Double[-10, 10], Gen.Double[-10, 10]).Sample((raw, a, b) =>
        {
            var x = raw;
            var y = raw.Select((v, i) => raw[(i + 1) % raw.Length] - 3).ToArray();
            var table = new CohortTable([new NumericColumn("x", x), new NumericColumn("[y]", y)]);
            string formula = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{a:R} * x^2 - abs(`[y]`) / (x - {b:R}) + max(x, `[y]`) * -{b:R} + if(x > `[y]`, sqrt(abs(x)), exp(-1))");
            var result = Evaluate(formula, table);
            for (int i = 0; i < x.Length; i++)
            {
                double xi = x[i], yi = y[i];
                double expected = xi - b == 0 && !double.IsNaN(yi) ? double.NaN
                    : a * Math.Pow(xi, 2) - Math.Abs(yi) / (xi - b) + Math.Max(xi, yi) * -b
                      + (double.IsNaN(xi) || double.IsNaN(yi) ? double.NaN : xi > yi ? Math.Sqrt(Math.Abs(xi)) : Math.Exp(-1));
                // Relative tolerance: the formula reaches ~1e6, where 9 absolute decimals exceed double precision.
                if (double.IsNaN(expected)) Assert.True(double.IsNaN(result.Column[i]));
                else Assert.Equal(expected, result.Column[i], 1e-9 * Math.Max(1, Math.Abs(expected)));
            }
            Assert.Equal(result.Column.Values.ToArray().Count(double.IsNaN), result.MissingCount);
        });
    }
}

public class DerivedFeatureDependencyTests
{
    [Fact]
    public void Required_keeps_what_the_used_features_depend_on_in_order()
    {
        DerivedFeature[] all =
        [
            new("height_m", "maternal_height_cm / 100"),
            new("unused", "weight_kg * 2"),
            new("bmi", "weight_kg / height_m^2"),
            new("obese", "bmi >= 30"),
        ];
        Assert.Equal(["height_m", "bmi", "obese"], DerivedFeatureEvaluator.Required(all, ["age", "obese"]).Select(d => d.Name));
        Assert.Equal(["height_m"], DerivedFeatureEvaluator.Required(all, ["height_m"]).Select(d => d.Name));
        Assert.Empty(DerivedFeatureEvaluator.Required(all, ["age"]));
    }
}

public class NumericLabelTests
{
    [Fact]
    public void A_two_level_column_with_numeric_labels_is_used_as_numbers()
    {
        var table = new CohortTable([new CategoricalColumn("hb_total", [1, 0, -1], ["95", "120"], ColumnKind.Binary)]);
        var result = DerivedFeatureEvaluator.Evaluate(table, new DerivedFeature("hb", "hb_total / 10"));
        Assert.Equal([12.0, 9.5, double.NaN], result.Column.Values.ToArray());
    }
}
