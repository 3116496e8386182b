namespace ClinicalGAM.Core.Data.Derived;

/// <summary>
/// Type-checks a parsed formula against a cohort before anything is computed: every column must exist and be a number
/// (numeric, binary 0/1 or date), every function must exist and get the right number of arguments.
/// </summary>
public static class FormulaValidator
{
    /// <summary>All problems found (empty when the formula can be evaluated on this cohort).</summary>
    public static IReadOnlyList<FormulaError> Validate(FormulaNode formula, CohortTable table)
    {
        var errors = new List<FormulaError>();
        Visit(formula, table, errors);
        return errors;
    }

    /// <summary>The distinct columns a formula reads, in order of first appearance.</summary>
    public static IReadOnlyList<string> Columns(FormulaNode formula)
    {
        var names = new List<string>();
        void Walk(FormulaNode node)
        {
            switch (node)
            {
                case ColumnNode c when !names.Contains(c.Name): names.Add(c.Name); break;
                case NegateNode n: Walk(n.Operand); break;
                case BinaryNode b: Walk(b.Left); Walk(b.Right); break;
                case CallNode call: foreach (var a in call.Arguments) Walk(a); break;
            }
        }
        Walk(formula);
        return names;
    }

    private static void Visit(FormulaNode node, CohortTable table, List<FormulaError> errors)
    {
        switch (node)
        {
            case ColumnNode c:
                CheckColumn(c, table, errors);
                break;
            case NegateNode n:
                Visit(n.Operand, table, errors);
                break;
            case BinaryNode b:
                Visit(b.Left, table, errors);
                Visit(b.Right, table, errors);
                break;
            case CallNode call:
                CheckCall(call, errors);
                foreach (var argument in call.Arguments) Visit(argument, table, errors);
                break;
        }
    }

    private static void CheckColumn(ColumnNode c, CohortTable table, List<FormulaError> errors)
    {
        var column = table.Find(c.Name);
        if (column is null)
        {
            string? near = NearestName.Find(c.Name, table.Columns.Select(x => x.Name));
            string hint = near is null ? "" : $" Did you mean '{near}'?";
            errors.Add(new FormulaError($"Unknown column '{c.Name}'.{hint}", c.Position, c.Length));
            return;
        }
        if (column is CategoricalColumn categorical && NumericView.Of(column) is null)
        {
            string what = column.Kind == ColumnKind.Identifier ? "an identifier" : "categorical";
            var levels = categorical.Levels.Take(4).Select(l => $"'{l}'");
            string shown = string.Join(", ", levels) + (categorical.Levels.Count > 4 ? ", ..." : "");
            errors.Add(new FormulaError(
                $"Column '{c.Name}' is {what} (values such as {shown}), so it cannot be used in arithmetic. " +
                "Only numeric, binary 0/1 and date columns can.", c.Position, c.Length));
        }
    }

    private static void CheckCall(CallNode call, List<FormulaError> errors)
    {
        if (!FormulaFunctions.Arity.TryGetValue(call.Function, out var arity))
        {
            string? near = NearestName.Find(call.Function, FormulaFunctions.Names);
            string hint = near is null ? $" Available: {string.Join(", ", FormulaFunctions.Names)}." : $" Did you mean '{near}'?";
            errors.Add(new FormulaError($"Unknown function '{call.Function}'.{hint}", call.Position, call.Function.Length));
            return;
        }
        int n = call.Arguments.Count;
        if (n < arity.Min || n > arity.Max)
            errors.Add(new FormulaError(
                $"{call.Function}() got {n} argument{(n == 1 ? "" : "s")}; write {FormulaFunctions.Describe(call.Function)}.",
                call.Position, call.Length));
    }
}
