namespace ClinicalGAM.Core.Data.Derived;

/// <summary>
/// The entry point for derived features: check a formula as the user types, evaluate it with a preview and missing-row
/// counts, and append a list of derived columns to a cohort (a later formula may use an earlier derived column).
/// </summary>
public static class DerivedFeatureEvaluator
{
    public const int DefaultPreviewRows = 10;

    /// <summary>
    /// Every problem with a definition on this cohort: name (empty, or clashing with a column), syntax (one error, with
    /// position), unknown or non-numeric columns, unknown functions, wrong argument counts. Empty when it can be evaluated.
    /// Cheap (no rows are touched), so it can run on every keystroke.
    /// </summary>
    public static IReadOnlyList<FormulaError> Validate(CohortTable table, DerivedFeature feature)
    {
        var errors = new List<FormulaError>();
        if (NameProblem(table, feature.Name) is { } nameProblem) errors.Add(new FormulaError(nameProblem, 0, 0));
        if (!FormulaParser.TryParse(feature.Formula, out var node, out var syntax))
        {
            errors.Add(syntax!);
            return errors;
        }
        errors.AddRange(FormulaValidator.Validate(node!, table));
        return errors;
    }

    /// <summary>
    /// Computes one derived column without adding it to the cohort (for a preview), or throws
    /// <see cref="DerivedFeatureException"/> with the first problem <see cref="Validate"/> would report.
    /// </summary>
    public static DerivedFeatureResult Evaluate(CohortTable table, DerivedFeature feature, int previewRows = DefaultPreviewRows)
    {
        var node = Check(table, feature);
        var (values, missing) = FormulaEvaluator.Evaluate(node, table, feature.Formula);
        var kind = node is BinaryNode { Operator: >= BinaryOperator.Less } ? ColumnKind.Binary : ColumnKind.Numeric;
        var column = new NumericColumn(feature.Name, values, kind);
        return new DerivedFeatureResult(feature, column, missing.Sum(m => m.Rows), missing, Preview(table, node, values, previewRows));
    }

    /// <summary>The cohort with each derived feature appended as a numeric column, in order.</summary>
    public static CohortTable Apply(CohortTable table, IEnumerable<DerivedFeature> features) => Apply(table, features, null);

    /// <summary>As <see cref="Apply(CohortTable, IEnumerable{DerivedFeature})"/>, handing each result (counts, preview) to <paramref name="report"/>.</summary>
    public static CohortTable Apply(CohortTable table, IEnumerable<DerivedFeature> features, Action<DerivedFeatureResult>? report)
    {
        foreach (var feature in features)
        {
            var result = Evaluate(table, feature, report is null ? 0 : DefaultPreviewRows);
            report?.Invoke(result);
            table = table.With(result.Column);
        }
        return table;
    }

    /// <summary>
    /// The definitions that <paramref name="used"/> columns depend on, directly or through other derived features,
    /// in their original order. A definition that does not parse is kept when its name is used (so the error shows later).
    /// </summary>
    public static IReadOnlyList<DerivedFeature> Required(IEnumerable<DerivedFeature> derived, IEnumerable<string> used)
    {
        var list = derived.ToList();
        var needed = new HashSet<string>(used, StringComparer.Ordinal);
        var keep = new bool[list.Count];
        // Walk backwards: a definition can only use definitions before it.
        for (int i = list.Count - 1; i >= 0; i--)
        {
            if (!needed.Contains(list[i].Name)) continue;
            keep[i] = true;
            if (FormulaParser.TryParse(list[i].Formula, out var node, out _))
                foreach (var column in FormulaValidator.Columns(node!)) needed.Add(column);
        }
        return list.Where((_, i) => keep[i]).ToArray();
    }

    private static FormulaNode Check(CohortTable table, DerivedFeature feature)
    {
        if (NameProblem(table, feature.Name) is { } nameProblem)
            throw new DerivedFeatureException(nameProblem, feature.Name, feature.Formula);
        FormulaNode node;
        try
        {
            node = FormulaParser.Parse(feature.Formula);
        }
        catch (FormulaSyntaxException e)
        {
            throw new DerivedFeatureException(e.Error, feature.Name, feature.Formula);
        }
        var errors = FormulaValidator.Validate(node, table);
        if (errors.Count > 0) throw new DerivedFeatureException(errors[0], feature.Name, feature.Formula);
        return node;
    }

    private static string? NameProblem(CohortTable table, string name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "The derived feature needs a name.";
        if (name != name.Trim()) return $"The name '{name}' starts or ends with a space.";
        if (table.Contains(name)) return $"The cohort already has a column named '{name}'; choose another name.";
        return null;
    }

    private static DerivedPreview Preview(CohortTable table, FormulaNode node, double[] values, int rows)
    {
        var inputs = FormulaValidator.Columns(node);
        var columns = inputs.Select(n => NumericView.Of(table[n])!).ToArray();
        var preview = new List<DerivedPreviewRow>();
        for (int r = 0; r < Math.Min(rows, values.Length); r++)
            preview.Add(new DerivedPreviewRow(r, columns.Select(c => c[r]).ToArray(), values[r]));
        return new DerivedPreview(inputs, preview);
    }
}
