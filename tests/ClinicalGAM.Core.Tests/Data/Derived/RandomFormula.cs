using ClinicalGAM.Core.Data.Derived;

namespace ClinicalGAM.Core.Tests.Data.Derived;

/// <summary>Random formula trees over every construct of the language, for round-trip properties.</summary>
internal static class RandomFormula
{
    private static readonly string[] Columns = ["x", "baby_weight_g", "maternal height (cm)", "odd]name", "log", "a.b"];
    private static readonly string[] Functions = ["log", "ln", "log10", "exp", "sqrt", "abs", "round", "pow", "min", "max", "clip", "if"];

    public static FormulaNode Tree(Random random, int depth)
    {
        if (depth == 0 || random.NextDouble() < 0.2)
        {
            return random.Next(2) == 0
                ? new NumberNode(Math.Round(random.NextDouble() * 1000, random.Next(0, 4)) * (random.Next(4) == 0 ? 1e-7 : 1))
                : new ColumnNode(Columns[random.Next(Columns.Length)]);
        }
        switch (random.Next(3))
        {
            case 0: return new NegateNode(Tree(random, depth - 1));
            case 1:
                var op = (BinaryOperator)random.Next(Enum.GetValues<BinaryOperator>().Length);
                return new BinaryNode(op, Tree(random, depth - 1), Tree(random, depth - 1));
            default:
                string f = Functions[random.Next(Functions.Length)];
                var (min, max) = FormulaFunctions.Arity[f];
                int n = random.Next(min, Math.Min(max, 4) + 1);
                return new CallNode(f, Enumerable.Range(0, n).Select(_ => Tree(random, depth - 1)).ToArray());
        }
    }

    /// <summary>The tree's structure without source positions (which differ between the original and the reparse).</summary>
    public static string Shape(FormulaNode node) => node switch
    {
        NumberNode n => $"N({n.Value:R})",
        ColumnNode c => $"C({c.Name})",
        NegateNode n => $"Neg({Shape(n.Operand)})",
        BinaryNode b => $"{b.Operator}({Shape(b.Left)},{Shape(b.Right)})",
        CallNode c => $"{c.Function}({string.Join(",", c.Arguments.Select(Shape))})",
        _ => throw new ArgumentException(node.GetType().Name),
    };
}
