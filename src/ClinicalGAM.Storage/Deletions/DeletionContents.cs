namespace ClinicalGAM.Storage;

/// <summary>
/// What deleting a cohort or a model removes, counted just before (so a confirmation can name it and the audit entry
/// keeps it), and what it leaves in place.
/// </summary>
public sealed record DeletionContents(
    string Kind, int Id, string Name, int? CohortId,
    int Columns, int DerivedFeatures, int Models, int Lineages, int FitRuns, int GoodhartChecks, int Validations, int Analyses,
    int SpecsKept, int ValidationsOfOtherModelsKept)
{
    /// <summary>The removed parts as plain phrases, e.g. "3 models (2 lineages)"; empty counts are left out.</summary>
    public IReadOnlyList<string> Removed()
    {
        var parts = new List<string>();
        if (Kind == DeletionStore.CohortKind) Add(parts, Columns, "column");
        Add(parts, DerivedFeatures, "derived feature");
        if (Kind == DeletionStore.CohortKind && Models > 0)
            parts.Add($"{Count(Models, "model version")} ({Count(Lineages, "model")}, edits included)");
        Add(parts, FitRuns, "fit run record");
        Add(parts, GoodhartChecks, "Goodhart check");
        Add(parts, Validations, "external validation");
        Add(parts, Analyses, "stored analysis", "stored analyses");
        return parts;
    }

    /// <summary>What stays, in plain phrases (the audit trail always does).</summary>
    public IReadOnlyList<string> Kept()
    {
        var parts = new List<string> { "the audit trail" };
        if (Kind == DeletionStore.ModelKind) parts.Add("the cohort, its fit run records and any other versions of this model");
        if (SpecsKept > 0) parts.Add($"{Count(SpecsKept, "saved specification")} (no longer tied to this cohort)");
        if (ValidationsOfOtherModelsKept > 0)
            parts.Add($"{Count(ValidationsOfOtherModelsKept, "external validation")} of other cohorts' models measured on it");
        return parts;
    }

    /// <summary>One line for the audit log.</summary>
    public string Summary() => Removed() is { Count: > 0 } removed ? $"{Kind} deleted with {string.Join(", ", removed)}" : $"{Kind} deleted";

    private static void Add(List<string> parts, int n, string noun, string? plural = null)
    {
        if (n > 0) parts.Add(Count(n, noun, plural));
    }

    private static string Count(int n, string noun, string? plural = null) =>
        $"{n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} {(n == 1 ? noun : plural ?? noun + "s")}";
}
