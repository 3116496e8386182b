using System.Globalization;
using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Web.Services.Interim;

/// <summary>Temporary: plain comma-split reader until the data helper's CohortCsvReader is merged.</summary>
internal static class InterimCsvReader
{
    private static readonly HashSet<string> Missing = new(StringComparer.OrdinalIgnoreCase) { "", "NA", "NaN", "null", "?" };

    public static CohortTable Read(Stream stream, IReadOnlyDictionary<string, ColumnKind>? overrides,
        IProgress<double>? progress, CancellationToken ct)
    {
        using var reader = new StreamReader(stream);
        var header = reader.ReadLine() ?? throw new CohortFormatException("The file is empty.", 1);
        var names = header.Split(',').Select(n => n.Trim()).ToArray();
        var dup = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new CohortFormatException("Duplicate column name.", 1, dup.Key);
        var cells = names.Select(_ => new List<string?>()).ToArray();
        long line = 1;
        while (reader.ReadLine() is { } text)
        {
            ct.ThrowIfCancellationRequested();
            line++;
            if (text.Length == 0) continue;
            var parts = text.Split(',');
            if (parts.Length != names.Length)
                throw new CohortFormatException($"Expected {names.Length} fields but found {parts.Length}.", line,
                    names[Math.Min(parts.Length, names.Length) - 1]);
            for (int c = 0; c < parts.Length; c++) cells[c].Add(Missing.Contains(parts[c].Trim()) ? null : parts[c].Trim());
            if (line % 10000 == 0 && stream.CanSeek && stream.Length > 0) progress?.Report((double)stream.Position / stream.Length);
        }
        if (line == 1) throw new CohortFormatException("The file has a header but no rows.", 2);
        var columns = new List<CohortColumn>();
        for (int c = 0; c < names.Length; c++)
        {
            var col = Infer(names[c], cells[c]);
            if (overrides is not null && overrides.TryGetValue(names[c], out var kind) && kind != col.Kind) col = col.WithKind(kind);
            columns.Add(col);
        }
        progress?.Report(1);
        return new CohortTable(columns);
    }

    private static CohortColumn Infer(string name, List<string?> values)
    {
        var numbers = new double[values.Count];
        bool numeric = true;
        for (int i = 0; i < values.Count && numeric; i++)
        {
            if (values[i] is null) numbers[i] = double.NaN;
            else numeric = double.TryParse(values[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]);
        }
        if (numeric)
        {
            bool binary = numbers.All(v => double.IsNaN(v) || v == 0 || v == 1);
            return new NumericColumn(name, numbers, binary ? ColumnKind.Binary : ColumnKind.Numeric);
        }
        var levels = new Dictionary<string, int>();
        var codes = new int[values.Count];
        for (int i = 0; i < codes.Length; i++)
        {
            if (values[i] is not { } s) { codes[i] = -1; continue; }
            if (!levels.TryGetValue(s, out int code)) levels[s] = code = levels.Count;
            codes[i] = code;
        }
        var kind = levels.Count > 50 && levels.Count > values.Count / 2 ? ColumnKind.Identifier : ColumnKind.Categorical;
        return new CategoricalColumn(name, codes, levels.Keys.ToArray(), kind);
    }
}
