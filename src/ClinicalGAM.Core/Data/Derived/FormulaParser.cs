using System.Globalization;

namespace ClinicalGAM.Core.Data.Derived;

/// <summary>
/// Recursive-descent parser for derived-feature formulas. Nothing is executed: text becomes a <see cref="FormulaNode"/>
/// tree or a <see cref="FormulaError"/> with the character position.
/// Precedence, lowest first: comparison (&lt; &lt;= &gt; &gt;= == !=, not chained), + -, * /, unary minus, ^.
/// + - * / group to the left; ^ groups to the right and binds tighter than unary minus, as in mathematics, R and
/// Python: 2^3^2 = 2^9 = 512 and -2^2 = -(2^2) = -4 (Excel would give 4). An exponent may carry its own sign: 2^-1.
/// </summary>
public sealed class FormulaParser
{
    /// <summary>Longest formula accepted: far beyond any clinical formula, short enough that evaluation cannot exhaust the stack.</summary>
    public const int MaxLength = 2000;
    /// <summary>Deepest nesting accepted (parentheses, calls, unary signs, and operator chains all count).</summary>
    public const int MaxDepth = 100;

    private readonly string _text;
    private int _pos;
    private int _depth;

    private FormulaParser(string text) => _text = text;

    /// <summary>Parses a formula; throws <see cref="FormulaSyntaxException"/> on the first syntax error.</summary>
    public static FormulaNode Parse(string formula)
    {
        var parser = new FormulaParser(formula);
        parser.SkipSpace();
        if (parser.AtEnd) throw parser.Error("The formula is empty.", 0, 0);
        if (formula.Length > MaxLength)
            throw parser.Error($"The formula is longer than {MaxLength} characters; split it into several derived features.", MaxLength, 0);
        var node = parser.Comparison();
        parser.SkipSpace();
        if (!parser.AtEnd)
        {
            char c = parser.Peek;
            throw c switch
            {
                ')' => parser.Error("Unmatched ')'.", parser._pos, 1),
                '=' => parser.Error("A single '=' is not allowed in a formula; use == to compare.", parser._pos, 1),
                ',' => parser.Error("',' is only allowed between a function's arguments.", parser._pos, 1),
                _ => parser.Error($"Expected an operator before '{parser.TokenText()}'.", parser._pos, parser.TokenText().Length),
            };
        }
        return node;
    }

    /// <summary>Parses without throwing: the tree, or the error.</summary>
    public static bool TryParse(string formula, out FormulaNode? node, out FormulaError? error)
    {
        try
        {
            node = Parse(formula);
            error = null;
            return true;
        }
        catch (FormulaSyntaxException e)
        {
            node = null;
            error = e.Error;
            return false;
        }
    }

    private bool AtEnd => _pos >= _text.Length;
    private char Peek => _text[_pos];

    private FormulaNode Comparison()
    {
        if (++_depth > MaxDepth) throw Error($"The formula nests deeper than {MaxDepth} levels.", _pos, 0);
        try { return ComparisonBody(); }
        finally { _depth--; }
    }

    private FormulaNode ComparisonBody()
    {
        var left = Additive();
        SkipSpace();
        BinaryOperator? op = ReadComparisonOperator();
        if (op is null) return left;
        var right = Additive();
        SkipSpace();
        int at = _pos;
        if (ReadComparisonOperator() is not null)
            throw Error("Comparisons cannot be chained (a < b < c); combine them with if().", at, 1);
        return Binary(op.Value, left, right);
    }

    private BinaryOperator? ReadComparisonOperator()
    {
        if (AtEnd) return null;
        string two = _pos + 1 < _text.Length ? _text.Substring(_pos, 2) : "";
        (BinaryOperator? op, int width) = two switch
        {
            "<=" => (BinaryOperator.LessOrEqual, 2),
            ">=" => (BinaryOperator.GreaterOrEqual, 2),
            "==" => (BinaryOperator.Equal, 2),
            "!=" => (BinaryOperator.NotEqual, 2),
            _ => Peek switch
            {
                '<' => (BinaryOperator.Less, 1),
                '>' => ((BinaryOperator?)BinaryOperator.Greater, 1),
                _ => ((BinaryOperator?)null, 0),
            },
        };
        _pos += width;
        return op;
    }

    private FormulaNode Additive()
    {
        var left = Term();
        while (true)
        {
            SkipSpace();
            if (AtEnd || (Peek != '+' && Peek != '-')) return left;
            var op = Peek == '+' ? BinaryOperator.Add : BinaryOperator.Subtract;
            _pos++;
            left = Binary(op, left, Term());
        }
    }

    private FormulaNode Term()
    {
        var left = Unary();
        while (true)
        {
            SkipSpace();
            if (AtEnd || (Peek != '*' && Peek != '/')) return left;
            var op = Peek == '*' ? BinaryOperator.Multiply : BinaryOperator.Divide;
            _pos++;
            left = Binary(op, left, Unary());
        }
    }

    private FormulaNode Unary()
    {
        SkipSpace();
        if (!AtEnd && Peek == '-')
        {
            int start = _pos++;
            if (++_depth > MaxDepth) throw Error($"The formula nests deeper than {MaxDepth} levels.", start, 1);
            var operand = Unary();
            _depth--;
            return new NegateNode(operand, start, operand.Position + operand.Length - start);
        }
        if (!AtEnd && Peek == '+')
        {
            _pos++;
            return Unary();
        }
        return Power();
    }

    private FormulaNode Power()
    {
        var baseNode = Primary();
        SkipSpace();
        if (AtEnd || Peek != '^') return baseNode;
        _pos++;
        return Binary(BinaryOperator.Power, baseNode, Unary()); // Unary() recurses into Power(): right-associative.
    }

    private FormulaNode Primary()
    {
        SkipSpace();
        if (AtEnd) throw Error("The formula ends where a value was expected.", _text.Length, 0);
        int start = _pos;
        char c = Peek;
        if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < _text.Length && char.IsAsciiDigit(_text[_pos + 1])))
            return Number();
        if (c == '(')
        {
            _pos++;
            var inner = Comparison();
            SkipSpace();
            if (AtEnd || Peek != ')') throw Error("Missing ')' for the '(' here.", start, 1);
            _pos++;
            // The node spans its parentheses, so messages quote "-(a + b)" whole.
            return inner with { Position = start, Length = _pos - start };
        }
        if (c is '[' or '`') return Quoted(c == '[' ? ']' : '`');
        if (FormulaText.IsIdentifierStart(c))
        {
            while (!AtEnd && FormulaText.IsIdentifierPart(Peek)) _pos++;
            string name = _text[start.._pos];
            int end = _pos;
            SkipSpace();
            if (!AtEnd && Peek == '(') return Call(name, start);
            _pos = end;
            return new ColumnNode(name, start, end - start);
        }
        if (c == ')') throw Error("Expected a value before ')'.", start, 1);
        throw Error($"Unexpected '{TokenText()}': expected a number, a column or '('.", start, TokenText().Length);
    }

    private FormulaNode Number()
    {
        int start = _pos;
        while (!AtEnd && char.IsAsciiDigit(Peek)) _pos++;
        if (!AtEnd && Peek == '.') { _pos++; while (!AtEnd && char.IsAsciiDigit(Peek)) _pos++; }
        if (!AtEnd && (Peek is 'e' or 'E'))
        {
            int mark = _pos++;
            if (!AtEnd && Peek is '+' or '-') _pos++;
            if (AtEnd || !char.IsAsciiDigit(Peek)) throw Error("A number's exponent needs digits (e.g. 1e-3).", mark, _pos - mark);
            while (!AtEnd && char.IsAsciiDigit(Peek)) _pos++;
        }
        if (!AtEnd && FormulaText.IsIdentifierStart(Peek))
            throw Error($"A column name cannot start with a digit ('{_text[start.._pos]}{TokenText()}'); write it as [name].", start, _pos - start + TokenText().Length);
        double value = double.Parse(_text.AsSpan(start, _pos - start), NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value)) throw Error("The number is too large.", start, _pos - start);
        return new NumberNode(value, start, _pos - start);
    }

    private FormulaNode Quoted(char close)
    {
        int start = _pos++;
        int end = _text.IndexOf(close, _pos);
        if (end < 0) throw Error($"Missing '{close}' to close the column name.", start, 1);
        string name = _text[_pos..end];
        if (name.Length == 0) throw Error("Empty column name.", start, end - start + 1);
        _pos = end + 1;
        return new ColumnNode(name, start, _pos - start);
    }

    private FormulaNode Call(string name, int start)
    {
        int open = _pos++;
        var arguments = new List<FormulaNode>();
        SkipSpace();
        if (!AtEnd && Peek == ')') _pos++;
        else
        {
            while (true)
            {
                arguments.Add(Comparison());
                SkipSpace();
                if (AtEnd) throw Error($"Missing ')' to close {name}(.", open, 1);
                if (Peek == ',') { _pos++; continue; }
                if (Peek == ')') { _pos++; break; }
                throw Error($"Expected ',' or ')' in {name}(...), found '{TokenText()}'.", _pos, TokenText().Length);
            }
        }
        return new CallNode(name, arguments, start, _pos - start);
    }

    private BinaryNode Binary(BinaryOperator op, FormulaNode left, FormulaNode right)
    {
        // A long chain a + b + c + ... nests to the left without parentheses: count it so evaluation depth stays bounded.
        if (Depth(left) + 1 > MaxDepth || Depth(right) + 1 > MaxDepth)
            throw Error($"The formula nests deeper than {MaxDepth} levels.", right.Position, right.Length);
        return new(op, left, right, left.Position, right.Position + right.Length - left.Position);
    }

    private static int Depth(FormulaNode node) => node switch
    {
        BinaryNode b => 1 + Math.Max(Depth(b.Left), Depth(b.Right)),
        NegateNode n => 1 + Depth(n.Operand),
        CallNode c => 1 + c.Arguments.Select(Depth).DefaultIfEmpty(0).Max(),
        _ => 0,
    };

    private void SkipSpace()
    {
        while (!AtEnd && char.IsWhiteSpace(Peek)) _pos++;
    }

    /// <summary>The run of characters at the cursor, for messages ("Unexpected 'foo'").</summary>
    private string TokenText()
    {
        if (AtEnd) return "";
        int end = _pos;
        if (FormulaText.IsIdentifierPart(_text[end])) while (end < _text.Length && FormulaText.IsIdentifierPart(_text[end])) end++;
        else end++;
        return _text[_pos..end];
    }

    private FormulaSyntaxException Error(string message, int position, int length) => new(new FormulaError(message, position, length));
}

/// <summary>A formula that is not well formed; <see cref="Error"/> says where.</summary>
public sealed class FormulaSyntaxException(FormulaError error) : FormatException(error.ToString())
{
    public FormulaError Error { get; } = error;
}
