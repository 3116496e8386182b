using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Web.Services;

/// <summary>One term's push on one patient's log-odds, with the patient's value(s) for that term.</summary>
public sealed record TermContribution(string Term, string Value, double Contribution);

/// <summary>
/// Why the model gives one patient their risk: intercept + each term's contribution = log-odds (Logit); Risk is its
/// inverse link. Contributions are ordered by absolute size, largest first.
/// </summary>
public sealed record PatientExplanation(int Row, double Intercept, IReadOnlyList<TermContribution> Contributions,
    double Logit, double Risk, double? Observed)
{
    public static PatientExplanation For(GamModel model, CohortTable cohort, int row)
    {
        if (row < 0 || row >= cohort.RowCount) throw new ArgumentOutOfRangeException(nameof(row), $"Row must be 1 to {cohort.RowCount}.");
        var single = Slice(cohort, row);
        var perTerm = model.Contributions(single);
        var contributions = model.Terms.Select((t, i) => new TermContribution(t.Name,
                string.Join(", ", t.Features.Select(f => single.Find(f)?.Format(0) is { Length: > 0 } v ? v : "missing")),
                perTerm[i][0]))
            .OrderByDescending(c => Math.Abs(c.Contribution)).ThenBy(c => c.Term, StringComparer.Ordinal).ToList();
        double logit = model.Intercept + contributions.Sum(c => c.Contribution);
        double? observed = cohort.Find(model.Info.Outcome) is NumericColumn y && !y.IsMissing(row) ? y[row] : null;
        return new PatientExplanation(row, model.Intercept, contributions, logit,
            ObjectiveLink.Inverse(model.Info.Objective, logit), observed);
    }

    /// <summary>A one-row cohort holding the given patient (levels kept, so categorical codes still mean the same).</summary>
    internal static CohortTable Slice(CohortTable cohort, int row) => new(cohort.Columns.Select(CohortColumn (c) => c switch
    {
        NumericColumn n => new NumericColumn(n.Name, [n[row]], n.Kind),
        CategoricalColumn k => new CategoricalColumn(k.Name, [k[row]], k.Levels.ToArray(), k.Kind),
        _ => throw new NotSupportedException(c.GetType().Name),
    }).ToList());
}
