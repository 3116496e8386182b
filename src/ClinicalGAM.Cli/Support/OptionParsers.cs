using System.Globalization;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Cli.Support;

internal static class OptionParsers
{
    public static Objective Objective(string text) => text.Trim().ToLowerInvariant() switch
    {
        "logloss" or "binary" => Core.Modeling.Objective.LogLoss,
        "rmse" or "regression" => Core.Modeling.Objective.Rmse,
        "poisson" => Core.Modeling.Objective.Poisson,
        _ => throw new CliUsageException($"Unknown objective '{text}'; use logloss, rmse or poisson."),
    };

    /// <summary>"sbp:+1,hb:-1" to feature -> direction.</summary>
    public static Dictionary<string, int> Monotone(IEnumerable<string> items)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            int colon = item.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(item[(colon + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int sign)
                || sign is not (1 or -1))
                throw new CliUsageException($"--monotone takes feature:+1 or feature:-1, not '{item}'.");
            result[item[..colon]] = sign;
        }
        return result;
    }
}
