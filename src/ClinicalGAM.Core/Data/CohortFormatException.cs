namespace ClinicalGAM.Core.Data;

/// <summary>
/// A cohort file that cannot be read as given. Line is 1-based as in a text editor (the header is line 1);
/// Column is the header name when known. Nothing is saved when this is thrown.
/// </summary>
public sealed class CohortFormatException : Exception
{
    public CohortFormatException(string message, long? line = null, string? column = null)
        : base(Compose(message, line, column))
    {
        Line = line;
        Column = column;
        Reason = message;
    }

    public long? Line { get; }
    public string? Column { get; }
    public string Reason { get; }

    private static string Compose(string message, long? line, string? column) =>
        (line, column) switch
        {
            (not null, not null) => $"Line {line}, column '{column}': {message}",
            (not null, null) => $"Line {line}: {message}",
            (null, not null) => $"Column '{column}': {message}",
            _ => message,
        };
}
