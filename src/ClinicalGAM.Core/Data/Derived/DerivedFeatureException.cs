namespace ClinicalGAM.Core.Data.Derived;

/// <summary>
/// A derived feature that cannot be computed: a syntax error, an unknown or non-numeric column, a name clash.
/// <see cref="Position"/> is the 0-based character index in the formula when the problem has a place.
/// A FormatException, so callers that already report malformed input report this too.
/// </summary>
public sealed class DerivedFeatureException : FormatException
{
    public DerivedFeatureException(string message, string featureName, string formula, int? position = null, int length = 0)
        : base(Compose(message, featureName, position))
    {
        Reason = message;
        FeatureName = featureName;
        Formula = formula;
        Position = position;
        Length = length;
    }

    public DerivedFeatureException(FormulaError error, string featureName, string formula)
        : this(error.Message, featureName, formula, error.Position, error.Length) { }

    public string Reason { get; }
    public string FeatureName { get; }
    public string Formula { get; }
    public int? Position { get; }
    public int Length { get; }

    private static string Compose(string message, string name, int? position) =>
        (name.Length > 0 ? $"Derived feature '{name}': " : "") + message +
        (position is { } p ? $" (at character {p + 1})" : "");
}

/// <summary>One problem in a formula, with where it is (0-based character index and length) for underlining.</summary>
public sealed record FormulaError(string Message, int Position, int Length)
{
    public override string ToString() => $"{Message} (at character {Position + 1})";
}
