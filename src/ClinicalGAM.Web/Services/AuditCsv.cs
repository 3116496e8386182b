using System.Globalization;
using System.Text;

namespace ClinicalGAM.Web.Services;

/// <summary>The audit log as CSV; text that a spreadsheet would run as a formula is escaped with a leading quote.</summary>
public static class AuditCsv
{
    public static string Write(IEnumerable<AuditEntry> entries)
    {
        var sb = new StringBuilder("when_utc,who,from,action,subject,detail,cohort_id,model_id\n");
        foreach (var e in entries)
            sb.Append(string.Join(",", e.WhenUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), Cell(e.Who), Cell(e.From),
                Cell(e.Action), Cell(e.Subject), Cell(e.Detail), e.CohortId?.ToString(CultureInfo.InvariantCulture) ?? "",
                e.ModelId?.ToString(CultureInfo.InvariantCulture) ?? "")).Append('\n');
        return sb.ToString();
    }

    private static string Cell(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r') text = "'" + text;
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }
}
