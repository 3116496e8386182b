namespace ClinicalGAM.Core.Modeling.Editing;

/// <summary>
/// An edit as asked for: which term, which tool, which cells, the tool's number (shift, value or bandwidth) and why.
/// A reason is required: an edit without one cannot be reviewed.
/// </summary>
public sealed record ShapeEdit(ShapeEditTool Tool, string Term, CellSelection? Selection = null, double? Value = null,
    string Reason = "", string Author = "");

/// <summary>
/// An edit as applied, kept in the model's history: the cells it touched with their scores before and after, so a
/// reviewer sees exactly what changed (and the plot can mark those bins as edited, not data).
/// </summary>
/// <param name="Cells">Cells touched, in order; for whole-term tools every cell of the term.</param>
/// <param name="Before">Scores of those cells before (empty when the term was absent, e.g. restoring a deleted term).</param>
/// <param name="After">Scores after (empty when the term was deleted).</param>
/// <param name="Source">For <see cref="ShapeEditTool.ReplaceFromModel"/>: the donor model, in words.</param>
public sealed record ShapeEditRecord(string Term, ShapeEditTool Tool, int[] Cells, double[] Before, double[] After,
    double? Value, string Reason, string Author, DateTimeOffset When, string? Source = null)
{
    /// <summary>One line for a history list or a report: "sbp · flatten-jump · bins 12–19 · 'treated above 160' (ana)".</summary>
    public string Summary()
    {
        string cells = Tool.IsWholeTerm() ? "whole term" : Cells.Length == 1 ? $"bin {Cells[0]}" : IsRun ? $"bins {Cells[0]}–{Cells[^1]}" : $"{Cells.Length} cells";
        string value = Value is { } v ? $" {v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}" : "";
        string by = string.IsNullOrWhiteSpace(Author) ? "" : $" ({Author})";
        return $"{Term} · {Tool.Slug()}{value} · {cells} · “{Reason}”{by}";
    }

    /// <summary>The largest change in any touched cell (log-odds); 0 for delete/restore of an absent term.</summary>
    public double LargestChange() => Before.Length == After.Length && Before.Length > 0
        ? Before.Zip(After, (b, a) => Math.Abs(a - b)).Max()
        : (Before.Length > 0 ? Before : After).Select(Math.Abs).DefaultIfEmpty(0).Max();

    private bool IsRun => Cells.Zip(Cells.Skip(1), (a, b) => b == a + 1).All(x => x);
}

/// <summary>Where an edited model came from: the saved model it was edited from.</summary>
/// <param name="ModelId">Database id of the parent, when it came from the database.</param>
public sealed record ModelParent(int? ModelId, string Name, int Version);
