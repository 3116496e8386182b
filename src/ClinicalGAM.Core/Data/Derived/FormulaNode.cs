using System.Globalization;

namespace ClinicalGAM.Core.Data.Derived;

/// <summary>
/// The syntax tree of a formula. Every node knows where it came from (Position/Length in the source text) so that a
/// validation message can point at it, and prints itself back as formula text that parses to the same tree.
/// </summary>
public abstract record FormulaNode(int Position, int Length)
{
    /// <summary>Formula text for this node; binary operations are parenthesised so the text has one reading.</summary>
    public abstract string ToFormula();
}

public sealed record NumberNode(double Value, int Position = 0, int Length = 0) : FormulaNode(Position, Length)
{
    public override string ToFormula()
    {
        string text = Math.Abs(Value).ToString("R", CultureInfo.InvariantCulture);
        return Value < 0 || double.IsNegative(Value) ? $"(-{text})" : text;
    }
}

public sealed record ColumnNode(string Name, int Position = 0, int Length = 0) : FormulaNode(Position, Length)
{
    public override string ToFormula() => FormulaText.ColumnReference(Name);
}

public sealed record NegateNode(FormulaNode Operand, int Position = 0, int Length = 0) : FormulaNode(Position, Length)
{
    public override string ToFormula() => $"(-{Operand.ToFormula()})";
}

public enum BinaryOperator { Add, Subtract, Multiply, Divide, Power, Less, LessOrEqual, Greater, GreaterOrEqual, Equal, NotEqual }

public sealed record BinaryNode(BinaryOperator Operator, FormulaNode Left, FormulaNode Right, int Position = 0, int Length = 0)
    : FormulaNode(Position, Length)
{
    public override string ToFormula() => $"({Left.ToFormula()} {FormulaText.Symbol(Operator)} {Right.ToFormula()})";
}

public sealed record CallNode(string Function, IReadOnlyList<FormulaNode> Arguments, int Position = 0, int Length = 0)
    : FormulaNode(Position, Length)
{
    public override string ToFormula() => $"{Function}({string.Join(", ", Arguments.Select(a => a.ToFormula()))})";
}

/// <summary>Spelling shared by the parser and the printer.</summary>
public static class FormulaText
{
    public static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Power => "^",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    public static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';
    public static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '.';

    /// <summary>A column as a user would type it: bare when it is a plain identifier, else [brackets] or `backticks`.</summary>
    public static string ColumnReference(string name)
    {
        if (name.Length > 0 && IsIdentifierStart(name[0]) && name.All(IsIdentifierPart)) return name;
        if (!name.Contains(']')) return $"[{name}]";
        if (!name.Contains('`')) return $"`{name}`";
        throw new ArgumentException($"Column '{name}' contains both ']' and '`' and cannot be named in a formula.");
    }
}
