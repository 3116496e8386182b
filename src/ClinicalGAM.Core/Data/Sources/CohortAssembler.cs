using ClinicalGAM.Core.Data.Csv;

namespace ClinicalGAM.Core.Data.Sources;

/// <summary>
/// Builds a cohort from any <see cref="ICohortSource"/> in two passes: the first infers each column's kind (distinct
/// values tracked only up to a cap) and keeps the parsed values of all-numeric columns; the second fills exactly-sized
/// code arrays for text, date and overridden columns only. Any bad value throws <see cref="CohortFormatException"/>
/// naming where it is; nothing is returned half-read.
/// </summary>
internal static class CohortAssembler
{
    public static CohortTable Assemble(ICohortSource source, CsvReadOptions options, IProgress<double>? progress,
        CancellationToken ct, Func<ReadOnlySpan<char>, ReadOnlySpan<char>>? normalise = null, IReadOnlySet<string>? textColumns = null)
    {
        try
        {
            return Build(source, options, progress, ct, normalise, textColumns);
        }
        catch (CohortFormatException e)
        {
            throw e.Placed(source.LineWord);
        }
    }

    private static CohortTable Build(ICohortSource source, CsvReadOptions options, IProgress<double>? progress,
        CancellationToken ct, Func<ReadOnlySpan<char>, ReadOnlySpan<char>>? normalise, IReadOnlySet<string>? textColumns)
    {
        progress?.Report(0);
        var names = source.Names;
        foreach (var name in options.KindOverrides.Keys)
            if (!names.Contains(name))
                throw new CohortFormatException("a type override names a column that the file does not have.", null, name);

        var sniffers = names.Select(n => new ColumnSniffer(n, source.RowUpperBound)).ToArray();
        int rows = source.Pass((_, c, value, _) => sniffers[c].Observe(normalise is null ? value : normalise(value)),
            null, progress, 0, 0.5, ct);
        if (rows == 0) throw new CohortFormatException("the file has a header but no data rows.", source.FirstDataLine);

        // Columns whose values were all numbers are already parsed; only the others need the second pass.
        var columns = new CohortColumn?[names.Count];
        var loaders = new ColumnLoader?[names.Count];
        for (int c = 0; c < names.Count; c++)
        {
            var sniffer = sniffers[c];
            var plan = options.KindOverrides.TryGetValue(sniffer.Name, out var kind) ? sniffer.Plan(kind) : sniffer.Plan();
            // A column the source declares as text (a database varchar) holding digits is a code, not a quantity.
            if (textColumns is not null && textColumns.Contains(sniffer.Name) && !options.KindOverrides.ContainsKey(sniffer.Name)
                && plan.Storage is StorageKind.Numbers or StorageKind.Dates && sniffer.HasNumbers)
                plan = sniffer.Plan(ColumnKind.Categorical);
            if (sniffer.HasNumbers && plan.Storage is StorageKind.Numbers or StorageKind.Dates or StorageKind.ZeroOne)
                columns[c] = new NumericColumn(sniffer.Name, sniffer.TakeNumbers(rows), plan.Kind);
            else
                loaders[c] = ColumnLoader.Create(sniffer.Name, plan, rows);
        }
        if (loaders.Any(l => l is not null))
            source.Pass((r, c, value, line) => loaders[c]?.Load(r, normalise is null ? value : normalise(value), line),
                loaders.Select(l => l is not null).ToArray(), progress, 0.5, 1, ct);
        else
            progress?.Report(1);
        for (int c = 0; c < names.Count; c++) columns[c] ??= loaders[c]!.Build();
        return new CohortTable(columns!);
    }
}
