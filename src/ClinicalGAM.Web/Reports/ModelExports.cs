using System.Text;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Serialization;

namespace ClinicalGAM.Web.Reports;

/// <summary>Downloads of a saved model: its JSON, its shape functions as a table, and the scored cohort.</summary>
public sealed class ModelExports(IWorkbenchStore store, ModelViewService models, CohortService cohorts)
{
    public async Task<string?> ModelJsonAsync(int modelId) =>
        await store.FindModelAsync(modelId) is { } entry ? GamModelJson.Serialize(entry.Model) : null;

    /// <summary>One row per term and cell: bins, their labels and ranges, score, sd across bags, training weight.</summary>
    public async Task<string?> ShapesCsvAsync(int modelId)
    {
        if (await store.FindModelAsync(modelId) is not { } entry) return null;
        var csv = new StringBuilder("term,cell,bin_1,bin_2,label,lower,upper,score,sd,weight\n");
        foreach (var term in entry.Model.Terms)
        {
            var b0 = term.Binnings[0];
            int stride = term.IsInteraction ? term.Binnings[1].BinCount : 1;
            for (int cell = 0; cell < term.Scores.Length; cell++)
            {
                int bin1 = cell / stride, bin2 = cell % stride;
                var label = term.IsInteraction ? $"{b0.BinLabel(bin1)} x {term.Binnings[1].BinLabel(bin2)}" : b0.BinLabel(bin1);
                var (lo, hi) = term.IsInteraction ? (double.NaN, double.NaN) : b0.BinRange(bin1);
                csv.Append(CsvCells.Text(term.Name)).Append(',').Append(cell).Append(',').Append(bin1).Append(',')
                    .Append(term.IsInteraction ? bin2.ToString() : "").Append(',').Append(CsvCells.Text(label)).Append(',')
                    .Append(CsvCells.Number(lo)).Append(',').Append(CsvCells.Number(hi)).Append(',')
                    .Append(CsvCells.Number(term.Scores[cell])).Append(',').Append(CsvCells.Number(term.StandardDeviations[cell])).Append(',')
                    .Append(CsvCells.Number(term.BinWeights[cell])).Append('\n');
            }
        }
        return csv.ToString();
    }

    /// <summary>Each patient's identifiers, outcome, predicted risk and whether the row was held out.</summary>
    public async Task<string?> ScoresCsvAsync(int modelId)
    {
        var view = await models.GetAsync(modelId);
        if (view is null) return null;
        var table = await cohorts.TableAsync(view.Entry.CohortId);
        var risk = view.Entry.Model.Predict(table);
        var test = view.Test.Rows.ToHashSet();
        var ids = table.Columns.Where(c => c.Kind == ColumnKind.Identifier).ToList();
        var outcome = table.Find(view.Entry.Specification.Outcome);
        var csv = new StringBuilder("row,");
        foreach (var id in ids) csv.Append(CsvCells.Text(id.Name)).Append(',');
        csv.Append(outcome is null ? "" : CsvCells.Text(outcome.Name) + ",").Append("risk,set\n");
        for (int i = 0; i < table.RowCount; i++)
        {
            csv.Append(i + 1).Append(',');
            foreach (var id in ids) csv.Append(CsvCells.Text(id.Format(i))).Append(',');
            if (outcome is not null) csv.Append(CsvCells.Text(outcome.Format(i))).Append(',');
            csv.Append(CsvCells.Number(risk[i])).Append(',').Append(test.Contains(i) ? "test" : "train").Append('\n');
        }
        return csv.ToString();
    }
}
