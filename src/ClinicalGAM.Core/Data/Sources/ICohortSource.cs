namespace ClinicalGAM.Core.Data.Sources;

/// <summary>Called for every field of every data row: (row index, column index, trimmed value, line or row as the user sees it).</summary>
internal delegate void FieldHandler(int row, int column, ReadOnlySpan<char> value, long line);

/// <summary>
/// A cohort file of any format seen as named columns of text values, read in passes: what lets CSV, Excel and Parquet
/// share one schema inference, one set of type overrides and one set of error messages (<see cref="CohortAssembler"/>).
/// Each column's values are handed over in row order; a pass may go row by row (CSV) or column by column within a
/// block of rows (Parquet row groups).
/// </summary>
internal interface ICohortSource
{
    /// <summary>Column names, already checked (none blank, none twice).</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>At least the number of data rows, to size arrays once.</summary>
    int RowUpperBound { get; }

    /// <summary>What the numbers given to the handler count, for error messages ("Line", "Sheet 'x', row", "Row").</summary>
    string LineWord { get; }

    /// <summary>Where the first data row would be, in the same numbering, for the "no data rows" message.</summary>
    long FirstDataLine { get; }

    /// <summary>
    /// One full pass; returns the number of data rows. Progress runs from <paramref name="from"/> to <paramref name="to"/>.
    /// <paramref name="wanted"/> (null: all) names the columns the handler needs; a columnar source skips the others.
    /// </summary>
    int Pass(FieldHandler handler, bool[]? wanted, IProgress<double>? progress, double from, double to, CancellationToken ct);
}
