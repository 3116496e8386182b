namespace ClinicalGAM.Core.Data;

/// <summary>
/// A cohort file that cannot be read as given. Line is 1-based as in a text editor (the header is line 1) or, for a
/// workbook or Parquet file, the row as its own viewer numbers it (<see cref="LineWord"/> says which);
/// Column is the header name when known. Nothing is saved when this is thrown.
/// </summary>
public sealed class CohortFormatException : Exception
{
    public CohortFormatException(string message, long? line = null, string? column = null, string lineWord = "Line")
        : base(Compose(message, line, column, lineWord))
    {
        Line = line;
        Column = column;
        Reason = message;
        LineWord = lineWord;
    }

    public long? Line { get; }
    public string? Column { get; }
    public string Reason { get; }

    /// <summary>What <see cref="Line"/> counts: "Line" in a text file, e.g. "Sheet 'Cohort', row" in a workbook.</summary>
    public string LineWord { get; }

    /// <summary>The same error placed in another kind of file (the shared loaders only know the number).</summary>
    internal CohortFormatException Placed(string lineWord) =>
        lineWord == LineWord ? this : new CohortFormatException(Reason, Line, Column, lineWord);

    private static string Compose(string message, long? line, string? column, string lineWord) =>
        (line, column) switch
        {
            (not null, not null) => $"{lineWord} {line}, column '{column}': {message}",
            (not null, null) => $"{lineWord} {line}: {message}",
            (null, not null) => $"Column '{column}': {message}",
            _ => message,
        };
}
