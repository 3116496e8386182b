using ClinicalGAM.Core.Data.Sources;
using Npgsql;

namespace ClinicalGAM.Core.Data.Postgres;

/// <summary>How a PostgreSQL column type reaches the shared inference.</summary>
internal enum PostgresValueKind
{
    /// <summary>smallint, integer, bigint, real, double precision, numeric: numbers (NaN and ±Infinity are missing).</summary>
    Number,
    /// <summary>boolean: 1/0, so it reads as a binary column.</summary>
    Boolean,
    /// <summary>date, timestamp, timestamptz: ISO dates, read as fractional years like a CSV date (the project's date handling).</summary>
    Date,
    /// <summary>text, varchar, char, name, uuid, enums: text, never read as numbers (a code '042' stays a category).</summary>
    Text,
}

/// <summary>One result column: its name, PostgreSQL type and how its values are written as text for the inference.</summary>
internal sealed record PostgresColumn(string Name, string TypeName, PostgresValueKind Kind)
{
    /// <summary>The column as the reader describes it, or a refusal naming the type and the cast that would help.</summary>
    public static PostgresColumn Describe(NpgsqlDataReader reader, int c)
    {
        string name = reader.GetName(c);
        string type = reader.GetDataTypeName(c);
        var clr = reader.GetFieldType(c);
        PostgresValueKind? kind = type switch
        {
            "json" or "jsonb" or "xml" => null,
            _ when type.EndsWith("[]", StringComparison.Ordinal) => null,
            _ when clr == typeof(short) || clr == typeof(int) || clr == typeof(long) || clr == typeof(byte)
                || clr == typeof(float) || clr == typeof(double) || clr == typeof(decimal) => PostgresValueKind.Number,
            _ when clr == typeof(bool) => PostgresValueKind.Boolean,
            _ when clr == typeof(DateTime) || clr == typeof(DateOnly) || clr == typeof(DateTimeOffset) => PostgresValueKind.Date,
            _ when clr == typeof(string) || clr == typeof(Guid) || clr == typeof(char) => PostgresValueKind.Text,
            _ => null,
        };
        if (kind is null)
            throw new CohortFormatException(
                $"the query returns it as PostgreSQL type {type}, which a cohort cannot hold (one number, date or label per patient). " +
                "Cast it in the query, e.g. x::text, x::numeric, or EXTRACT(EPOCH FROM x) / 86400 for an interval in days.", null, name);
        return new PostgresColumn(name, type, kind.Value);
    }

    /// <summary>The value of this column in the reader's current row as the inference reads it; NULL is missing (empty).</summary>
    public ReadOnlySpan<char> Text(NpgsqlDataReader reader, int c, CellText text)
    {
        if (reader.IsDBNull(c)) return default;
        switch (Kind)
        {
            case PostgresValueKind.Number:
                double x = reader.GetFieldType(c) == typeof(decimal) ? NumericValue(reader, c) : Convert.ToDouble(reader.GetValue(c));
                return double.IsFinite(x) ? text.Number(x) : default; // NaN and ±Infinity never reach the cohort
            case PostgresValueKind.Boolean:
                return reader.GetBoolean(c) ? "1" : "0";
            case PostgresValueKind.Date:
                var d = reader.GetValue(c) switch
                {
                    DateOnly day => day.ToDateTime(TimeOnly.MinValue),
                    DateTimeOffset o => o.UtcDateTime,
                    DateTime t => t,
                    _ => DateTime.MinValue,
                };
                return d == DateTime.MinValue || d == DateTime.MaxValue ? default : text.Date(d); // ±infinity: missing
            default:
                return reader.GetValue(c).ToString().AsSpan().Trim();
        }
    }

    // numeric NaN and ±Infinity (and values beyond decimal's 28 digits) cannot be a decimal: they are missing.
    private static double NumericValue(NpgsqlDataReader reader, int c)
    {
        try
        {
            return (double)reader.GetDecimal(c);
        }
        catch (Exception e) when (e is InvalidCastException or OverflowException)
        {
            return double.NaN;
        }
    }
}
