namespace ClinicalGAM.Core.Modeling.Editing;

/// <summary>
/// What a reviewer can do to a shape function by hand (the GAM Changer set, plus swapping a term in from another
/// model). Cell tools act on the selected bins only; <see cref="DeleteTerm"/>, <see cref="RestoreTerm"/> and
/// <see cref="ReplaceFromModel"/> act on the whole term.
/// </summary>
public enum ShapeEditTool
{
    /// <summary>Move the selected bins up or down by a value (log-odds).</summary>
    Shift,
    /// <summary>Set the selected bins to one value.</summary>
    SetValue,
    /// <summary>Set the selected bins to the score of the selection's first bin.</summary>
    AlignLeft,
    /// <summary>Set the selected bins to the score of the selection's last bin.</summary>
    AlignRight,
    /// <summary>Set the selected bins to their count-weighted mean score.</summary>
    AlignMean,
    /// <summary>A straight line (in the feature's values) between the selection's first and last bin.</summary>
    Interpolate,
    /// <summary>Count-weighted least-squares line through the selected bins.</summary>
    LinearFit,
    /// <summary>Count-weighted isotonic regression, non-decreasing.</summary>
    MonotoneIncreasing,
    /// <summary>Count-weighted isotonic regression, non-increasing.</summary>
    MonotoneDecreasing,
    /// <summary>Gaussian kernel over bins (bandwidth in bins), weighted by counts.</summary>
    Smooth,
    /// <summary>
    /// A treatment-threshold jump removed: the bins at or above the cut (the value; else the largest step) move back
    /// by the gap between count-weighted lines fitted on each side, so each side keeps its shape.
    /// </summary>
    FlattenJump,
    /// <summary>Drop the term from the model.</summary>
    DeleteTerm,
    /// <summary>Put the term back as it was fitted.</summary>
    RestoreTerm,
    /// <summary>Use the same feature's term from another model (another site or period).</summary>
    ReplaceFromModel,
}

public static class ShapeEditTools
{
    /// <summary>The command-line / URL spelling of a tool, e.g. "flatten-jump".</summary>
    public static string Slug(this ShapeEditTool tool) => tool switch
    {
        ShapeEditTool.Shift => "shift",
        ShapeEditTool.SetValue => "set",
        ShapeEditTool.AlignLeft => "align-left",
        ShapeEditTool.AlignRight => "align-right",
        ShapeEditTool.AlignMean => "align-mean",
        ShapeEditTool.Interpolate => "interpolate",
        ShapeEditTool.LinearFit => "linear",
        ShapeEditTool.MonotoneIncreasing => "monotone-increasing",
        ShapeEditTool.MonotoneDecreasing => "monotone-decreasing",
        ShapeEditTool.Smooth => "smooth",
        ShapeEditTool.FlattenJump => "flatten-jump",
        ShapeEditTool.DeleteTerm => "delete",
        ShapeEditTool.RestoreTerm => "restore",
        ShapeEditTool.ReplaceFromModel => "replace",
        _ => throw new ArgumentOutOfRangeException(nameof(tool)),
    };

    public static ShapeEditTool Parse(string slug)
    {
        string wanted = slug.Trim().ToLowerInvariant();
        foreach (var tool in Enum.GetValues<ShapeEditTool>())
            if (tool.Slug() == wanted) return tool;
        throw new ArgumentException($"Unknown edit '{slug}'. Edits: {string.Join(", ", Enum.GetValues<ShapeEditTool>().Select(t => t.Slug()))}.");
    }

    /// <summary>Tools that need a number: the shift, the value, or the smoothing bandwidth in bins.</summary>
    public static bool TakesValue(this ShapeEditTool tool) => tool is ShapeEditTool.Shift or ShapeEditTool.SetValue or ShapeEditTool.Smooth;

    /// <summary>Tools that take a number when given one: the above, and flatten-jump's cut (found when absent).</summary>
    public static bool AcceptsValue(this ShapeEditTool tool) => tool.TakesValue() || tool == ShapeEditTool.FlattenJump;

    /// <summary>Tools that act on the whole term rather than on selected bins.</summary>
    public static bool IsWholeTerm(this ShapeEditTool tool) =>
        tool is ShapeEditTool.DeleteTerm or ShapeEditTool.RestoreTerm or ShapeEditTool.ReplaceFromModel;

    /// <summary>Tools that need the bins in an order (a line, a monotone run, a kernel).</summary>
    public static bool NeedsOrder(this ShapeEditTool tool) => tool is ShapeEditTool.AlignLeft or ShapeEditTool.AlignRight
        or ShapeEditTool.Interpolate or ShapeEditTool.LinearFit or ShapeEditTool.MonotoneIncreasing
        or ShapeEditTool.MonotoneDecreasing or ShapeEditTool.Smooth or ShapeEditTool.FlattenJump;

    public static string Describe(this ShapeEditTool tool) => tool switch
    {
        ShapeEditTool.Shift => "Move up/down",
        ShapeEditTool.SetValue => "Set to value",
        ShapeEditTool.AlignLeft => "Align to left",
        ShapeEditTool.AlignRight => "Align to right",
        ShapeEditTool.AlignMean => "Align to mean",
        ShapeEditTool.Interpolate => "Interpolate",
        ShapeEditTool.LinearFit => "Linear fit",
        ShapeEditTool.MonotoneIncreasing => "Monotone increasing",
        ShapeEditTool.MonotoneDecreasing => "Monotone decreasing",
        ShapeEditTool.Smooth => "Smooth",
        ShapeEditTool.FlattenJump => "Flatten jump",
        ShapeEditTool.DeleteTerm => "Delete term",
        ShapeEditTool.RestoreTerm => "Restore as fitted",
        ShapeEditTool.ReplaceFromModel => "Replace from model",
        _ => tool.ToString(),
    };
}
