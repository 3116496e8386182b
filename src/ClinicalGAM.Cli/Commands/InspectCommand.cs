using System.Diagnostics;
using System.Globalization;
using ClinicalGAM.Cli.Support;
using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Cli.Commands;

/// <summary>
/// Reads a cohort CSV the way an upload does and prints what was inferred: each column's type, missingness and range,
/// plus how long the read took and the process's peak memory (the numbers to quote for large files).
/// </summary>
public sealed class InspectCommand : CliCommand
{
    public override string Name => "inspect";
    public override string Usage => "inspect --data FILE.csv|.xlsx|.parquet [--sheet NAME] [--delimiter ,|;|tab] " + DerivedColumns.Usage;

    public override string Summary => "Reads a cohort as an upload does and prints each column's inferred type, missingness and range.";

    public override string Example => "clinicalgam inspect --data deliveries.csv --derive \"ratio=baby_weight_g/maternal_height_cm\"";

    public override IReadOnlyList<VerbOption> Options =>
    [
        CommonOptions.Data(), CommonOptions.Sheet,
        VerbOption.Value("--delimiter", ",|;|tab", "The CSV delimiter (default: detected)."),
        CommonOptions.Derive,
    ];

    protected internal override int Execute(CliArguments a, TextWriter stdout, TextWriter stderr)
    {
        var derived = DerivedColumns.FromArguments(a);
        string data = a.Required("--data");
        char? delimiter = a.Optional("--delimiter") switch
        {
            null => null,
            "tab" or "\\t" => '\t',
            { Length: 1 } d => d[0],
            var d => throw new CliUsageException($"--delimiter takes one character or 'tab', not '{d}'."),
        };
        var clock = Stopwatch.StartNew();
        var table = CohortFiles.Read(data, CohortFiles.Options(a, new CsvReadOptions { Delimiter = delimiter }), stderr);
        clock.Stop();
        // Derived columns are profiled like the others: the way to preview a formula from the command line.
        table = DerivedColumns.Apply(table, derived, stderr);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var inv = CultureInfo.InvariantCulture;

        stdout.WriteLine(string.Format(inv, "{0}: {1:N0} rows x {2} columns, read in {3:F2} s (peak working set {4:N0} MiB).",
            data, table.RowCount, table.Columns.Count, clock.Elapsed.TotalSeconds, process.PeakWorkingSet64 / (1024.0 * 1024.0)));
        stdout.WriteLine(string.Format(inv, "{0,-28} {1,-12} {2,8} {3,9}  {4}", "column", "type", "missing", "distinct", "range / commonest"));
        foreach (var column in table.Columns)
        {
            var p = ColumnProfiler.Profile(column);
            string summary = double.IsNaN(p.Min)
                ? string.Join(", ", p.TopLevels.Take(4).Select(t => $"{t.Level} ({t.Count:N0})"))
                : string.Format(inv, "{0:G6} .. {1:G6} (median {2:G6})", p.Min, p.Max, p.Median);
            stdout.WriteLine(string.Format(inv, "{0,-28} {1,-12} {2,8:P1} {3,9:N0}  {4}",
                p.Name, p.Kind, p.MissingFraction, p.DistinctCount, summary));
        }
        return 0;
    }
}
