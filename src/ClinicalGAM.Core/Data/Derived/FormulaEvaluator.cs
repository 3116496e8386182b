namespace ClinicalGAM.Core.Data.Derived;

/// <summary>
/// Evaluates a validated formula a column at a time: each node becomes one array over all rows, computed in a tight
/// loop, so a million rows cost a few array passes rather than a million tree walks. Missing in gives missing out;
/// an undefined operation (x/0, log(0), sqrt(-1), overflow) gives missing for that row and records why, once per row
/// (the first reason in evaluation order).
/// </summary>
internal sealed class FormulaEvaluator
{
    private readonly CohortTable _table;
    private readonly string _formula;
    private readonly int _rows;
    private int[]? _reasonOfRow; // allocated at the first undefined row: most formulas never need it
    private readonly List<(MissingReason Reason, string Expression, string Condition)> _reasons = [];

    private FormulaEvaluator(CohortTable table, string formula)
    {
        _table = table;
        _formula = formula;
        _rows = table.RowCount;
    }

    public static (double[] Values, List<MissingRows> Missing) Evaluate(FormulaNode node, CohortTable table, string formula)
    {
        var evaluator = new FormulaEvaluator(table, formula);
        var values = evaluator.Eval(node); // every node yields a fresh array: cohort columns are never written to.
        return (values, evaluator.Tally(values, node));
    }

    private List<MissingRows> Tally(double[] values, FormulaNode root)
    {
        var counts = new int[_reasons.Count + 1];
        for (int i = 0; i < values.Length; i++)
            if (double.IsNaN(values[i])) counts[_reasonOfRow?[i] ?? 0]++;
        var result = new List<MissingRows>();
        if (counts[0] > 0)
            result.Add(new MissingRows(MissingReason.MissingInput, Text(root), MissingInputs(values, root), counts[0]));
        for (int r = 1; r < counts.Length; r++)
            if (counts[r] > 0) result.Add(new MissingRows(_reasons[r - 1].Reason, _reasons[r - 1].Expression, _reasons[r - 1].Condition, counts[r]));
        return result;
    }

    /// <summary>"weight_kg is missing", naming only the inputs that are in fact missing where the result is.</summary>
    private string MissingInputs(double[] values, FormulaNode root)
    {
        var culprits = new List<string>();
        foreach (var name in FormulaValidator.Columns(root))
        {
            var column = NumericView.Of(_table[name])!.Values;
            for (int i = 0; i < values.Length; i++)
            {
                if (double.IsNaN(column[i]) && double.IsNaN(values[i]) && (_reasonOfRow?[i] ?? 0) == 0)
                {
                    culprits.Add(name);
                    break;
                }
            }
        }
        return culprits.Count switch
        {
            0 => "an input is missing",
            1 => $"{culprits[0]} is missing",
            _ => $"{string.Join(", ", culprits.SkipLast(1))} or {culprits[^1]} is missing",
        };
    }

    private double[] Eval(FormulaNode node) => node switch
    {
        NumberNode n => Filled(n.Value),
        ColumnNode c => NumericView.Of(_table[c.Name])!.Values.ToArray(),
        NegateNode n => Negate(Eval(n.Operand)),
        BinaryNode b => Binary(b),
        CallNode c => Call(c),
        _ => throw new InvalidOperationException($"Unknown formula node {node.GetType().Name}."),
    };

    private double[] Filled(double value)
    {
        var a = new double[_rows];
        Array.Fill(a, value);
        return a;
    }

    private static double[] Negate(double[] a)
    {
        for (int i = 0; i < a.Length; i++) a[i] = -a[i];
        return a;
    }

    private double[] Binary(BinaryNode b)
    {
        if (WithConstant(b) is { } fast) return fast;
        double[] x = Eval(b.Left), y = Eval(b.Right);
        switch (b.Operator)
        {
            case BinaryOperator.Add: for (int i = 0; i < x.Length; i++) x[i] += y[i]; return Finite(x, b);
            case BinaryOperator.Subtract: for (int i = 0; i < x.Length; i++) x[i] -= y[i]; return Finite(x, b);
            case BinaryOperator.Multiply: for (int i = 0; i < x.Length; i++) x[i] *= y[i]; return Finite(x, b);
            case BinaryOperator.Divide:
            {
                int reason = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    if (y[i] == 0 && !double.IsNaN(x[i]))
                    {
                        if (reason == 0) reason = Reason(MissingReason.DivisionByZero, b, $"{Text(b.Right)} = 0");
                        Mark(x, i, reason);
                    }
                    else x[i] /= y[i];
                }
                return Finite(x, b);
            }
            case BinaryOperator.Power: return Power(x, y, b, b.Left, b.Right);
            default: return Compare(x, y, b.Operator);
        }
    }

    /// <summary>
    /// Column-by-constant arithmetic (x / 100, x ^ 2, 1 - x, x > 30) without filling an array with the constant.
    /// Null when neither side is a constant or the constant would make every row undefined (then the general path
    /// records the reason per row).
    /// </summary>
    private double[]? WithConstant(BinaryNode b)
    {
        if (Constant(b.Right) is { } c)
        {
            if (b.Operator is BinaryOperator.Divide && c == 0) return null;
            var x = Eval(b.Left);
            switch (b.Operator)
            {
                case BinaryOperator.Add: for (int i = 0; i < x.Length; i++) x[i] += c; return Finite(x, b);
                case BinaryOperator.Subtract: for (int i = 0; i < x.Length; i++) x[i] -= c; return Finite(x, b);
                case BinaryOperator.Multiply: for (int i = 0; i < x.Length; i++) x[i] *= c; return Finite(x, b);
                case BinaryOperator.Divide: for (int i = 0; i < x.Length; i++) x[i] /= c; return Finite(x, b);
                case BinaryOperator.Power when c == 2: for (int i = 0; i < x.Length; i++) x[i] *= x[i]; return Finite(x, b);
                case BinaryOperator.Power: return Power(x, Filled(c), b, b.Left, b.Right);
                default: return Compare(x, c, b.Operator, constantOnRight: true);
            }
        }
        if (Constant(b.Left) is { } k)
        {
            if (b.Operator is BinaryOperator.Power or BinaryOperator.Divide) return null; // domain checks need the general path
            var y = Eval(b.Right);
            switch (b.Operator)
            {
                case BinaryOperator.Add: for (int i = 0; i < y.Length; i++) y[i] += k; return Finite(y, b);
                case BinaryOperator.Subtract: for (int i = 0; i < y.Length; i++) y[i] = k - y[i]; return Finite(y, b);
                case BinaryOperator.Multiply: for (int i = 0; i < y.Length; i++) y[i] *= k; return Finite(y, b);
                default: return Compare(y, k, b.Operator, constantOnRight: false);
            }
        }
        return null;
    }

    /// <summary>The value of a plain number (or a negated one); null for anything that reads a column.</summary>
    private static double? Constant(FormulaNode node) => node switch
    {
        NumberNode n => n.Value,
        NegateNode { Operand: NumberNode n } => -n.Value,
        _ => null,
    };

    private static double[] Compare(double[] x, double c, BinaryOperator op, bool constantOnRight)
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i])) continue;
            double a = constantOnRight ? x[i] : c, d = constantOnRight ? c : x[i];
            x[i] = Holds(a, d, op) ? 1.0 : 0.0;
        }
        return x;
    }

    private static bool Holds(double a, double c, BinaryOperator op) => op switch
    {
        BinaryOperator.Less => a < c,
        BinaryOperator.LessOrEqual => a <= c,
        BinaryOperator.Greater => a > c,
        BinaryOperator.GreaterOrEqual => a >= c,
        BinaryOperator.Equal => a == c,
        _ => a != c,
    };

    private static double[] Compare(double[] x, double[] y, BinaryOperator op)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double a = x[i], c = y[i];
            if (double.IsNaN(a) || double.IsNaN(c)) { x[i] = double.NaN; continue; }
            x[i] = Holds(a, c, op) ? 1.0 : 0.0;
        }
        return x;
    }

    private double[] Power(double[] x, double[] y, FormulaNode node, FormulaNode baseNode, FormulaNode exponentNode)
    {
        int negativeBase = 0, zeroBase = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double a = x[i], e = y[i];
            if (double.IsNaN(a) || double.IsNaN(e)) { x[i] = double.NaN; continue; }
            double r = Math.Pow(a, e);
            if (double.IsFinite(r)) { x[i] = r; continue; }
            if (a < 0)
            {
                if (negativeBase == 0)
                    negativeBase = Reason(MissingReason.UndefinedPower, node, $"{Text(baseNode)} < 0 with a fractional exponent {Text(exponentNode)}");
                Mark(x, i, negativeBase);
            }
            else if (a == 0)
            {
                if (zeroBase == 0)
                    zeroBase = Reason(MissingReason.UndefinedPower, node, $"{Text(baseNode)} = 0 with a negative exponent {Text(exponentNode)}");
                Mark(x, i, zeroBase);
            }
            else
            {
                x[i] = r;
            }
        }
        return Finite(x, node);
    }

    private double[] Call(CallNode call)
    {
        var args = call.Arguments;
        switch (call.Function)
        {
            case "log" or "ln": return Logarithm(Eval(args[0]), call, Math.Log);
            case "log10": return Logarithm(Eval(args[0]), call, Math.Log10);
            case "exp": { var x = Eval(args[0]); for (int i = 0; i < x.Length; i++) x[i] = Math.Exp(x[i]); return Finite(x, call); }
            case "abs": { var x = Eval(args[0]); for (int i = 0; i < x.Length; i++) x[i] = Math.Abs(x[i]); return x; }
            case "sqrt":
            {
                var x = Eval(args[0]);
                int reason = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    if (x[i] < 0)
                    {
                        if (reason == 0) reason = Reason(MissingReason.SqrtOfNegative, call, $"{Text(args[0])} < 0");
                        Mark(x, i, reason);
                    }
                    else x[i] = Math.Sqrt(x[i]);
                }
                return x;
            }
            case "pow": return Power(Eval(args[0]), Eval(args[1]), call, args[0], args[1]);
            case "round": return Round(Eval(args[0]), args.Count > 1 ? Eval(args[1]) : null);
            case "min" or "max":
            {
                var x = Eval(args[0]);
                bool isMin = call.Function == "min";
                for (int k = 1; k < args.Count; k++)
                {
                    var y = Eval(args[k]);
                    // Math.Min/Max already return NaN when either side is NaN: missing in, missing out.
                    for (int i = 0; i < x.Length; i++) x[i] = isMin ? Math.Min(x[i], y[i]) : Math.Max(x[i], y[i]);
                }
                return x;
            }
            case "clip":
            {
                double[] x = Eval(args[0]), low = Eval(args[1]), high = Eval(args[2]);
                for (int i = 0; i < x.Length; i++) x[i] = Math.Min(Math.Max(x[i], low[i]), high[i]);
                return x;
            }
            case "if":
            {
                double[] condition = Eval(args[0]), then = Eval(args[1]), otherwise = Eval(args[2]);
                for (int i = 0; i < condition.Length; i++)
                    condition[i] = double.IsNaN(condition[i]) ? double.NaN : condition[i] != 0 ? then[i] : otherwise[i];
                return condition;
            }
            default: throw new InvalidOperationException($"Unknown function '{call.Function}' (the formula was not validated).");
        }
    }

    private double[] Logarithm(double[] x, CallNode call, Func<double, double> log)
    {
        int reason = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] <= 0)
            {
                if (reason == 0) reason = Reason(MissingReason.LogOfNonPositive, call, $"{Text(call.Arguments[0])} <= 0");
                Mark(x, i, reason);
            }
            else x[i] = log(x[i]);
        }
        return x;
    }

    /// <summary>Half away from zero (4.5 → 5), as clinicians round by hand; digits may be negative (round(x, -1) → tens).</summary>
    private static double[] Round(double[] x, double[]? digits)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double d = digits is null ? 0 : Math.Round(digits[i]);
            if (double.IsNaN(d)) { x[i] = double.NaN; continue; }
            double scale = Math.Pow(10, Math.Clamp(d, -15, 15));
            x[i] = Math.Round(x[i] * scale, MidpointRounding.AwayFromZero) / scale;
        }
        return x;
    }

    /// <summary>Turns infinities produced by an operation into missing values with the reason "too large".</summary>
    private double[] Finite(double[] x, FormulaNode node)
    {
        int reason = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (!double.IsInfinity(x[i])) continue;
            if (reason == 0) reason = Reason(MissingReason.TooLarge, node, $"{Text(node)} is beyond ±1.8e308");
            Mark(x, i, reason);
        }
        return x;
    }

    private void Mark(double[] x, int row, int reason)
    {
        x[row] = double.NaN;
        _reasonOfRow ??= new int[_rows];
        if (_reasonOfRow[row] == 0) _reasonOfRow[row] = reason;
    }

    private int Reason(MissingReason reason, FormulaNode node, string condition)
    {
        _reasons.Add((reason, Text(node), condition));
        return _reasons.Count;
    }

    /// <summary>The user's own text for a node (as typed), falling back to the canonical form for built trees.</summary>
    private string Text(FormulaNode node) =>
        node.Length > 0 && node.Position + node.Length <= _formula.Length
            ? _formula.Substring(node.Position, node.Length).Trim()
            : node.ToFormula();
}
