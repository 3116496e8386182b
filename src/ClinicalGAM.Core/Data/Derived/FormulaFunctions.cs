namespace ClinicalGAM.Core.Data.Derived;

/// <summary>The functions a formula may call, with how many arguments each takes.</summary>
public static class FormulaFunctions
{
    /// <summary>Name → (fewest, most) arguments. <c>log</c> and <c>ln</c> are both the natural logarithm (as in R).</summary>
    public static readonly IReadOnlyDictionary<string, (int Min, int Max)> Arity =
        new Dictionary<string, (int, int)>(StringComparer.Ordinal)
        {
            ["log"] = (1, 1), ["ln"] = (1, 1), ["log10"] = (1, 1), ["exp"] = (1, 1), ["sqrt"] = (1, 1),
            ["abs"] = (1, 1), ["round"] = (1, 2), ["pow"] = (2, 2), ["min"] = (2, int.MaxValue),
            ["max"] = (2, int.MaxValue), ["clip"] = (3, 3), ["if"] = (3, 3),
        };

    public static IEnumerable<string> Names => Arity.Keys;

    public static string Describe(string name) => Arity[name] switch
    {
        (1, 1) => $"{name}(x)",
        (2, 2) => $"{name}(a, b)",
        (1, 2) => $"{name}(x) or {name}(x, digits)",
        (3, 3) when name == "clip" => "clip(x, low, high)",
        (3, 3) => "if(condition, then, otherwise)",
        _ => $"{name}(a, b, ...)",
    };
}
