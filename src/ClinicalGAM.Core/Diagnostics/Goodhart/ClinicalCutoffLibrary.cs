using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>One biomarker in the clinical cut-off library (values in the listed unit).</summary>
public sealed record ClinicalCutoff
{
    public required string Name { get; init; }
    public string Unit { get; init; } = "";
    public string[] Aliases { get; init; } = [];
    public double[] Cutoffs { get; init; } = [];
    /// <summary>A usual value in the listed unit; used to recognise columns held in another unit.</summary>
    public double Typical { get; init; } = double.NaN;
    /// <summary>+1 risk rises with the value, -1 risk falls, 0 no single expectation.</summary>
    public int RiskDirection { get; init; }
    /// <summary>Where the expected direction holds, in the listed unit; null = everywhere.</summary>
    public double[]? DirectionRange { get; init; }
    public string Note { get; init; } = "";
    public UnitScale[] Units { get; init; } = [];
}

/// <summary>Another unit for a biomarker: value in that unit = Factor x value in the listed unit.</summary>
public sealed record UnitScale(string Unit, double Factor);

/// <summary>A library entry matched to a model feature, with its cut-offs already in the feature's unit.</summary>
public sealed record CutoffMatch(ClinicalCutoff Entry, string Unit, double[] Cutoffs, int RiskDirection, double DirectionLow, double DirectionHigh)
{
    /// <summary>The library cut-off within [low, high] nearest to <paramref name="near"/>, or NaN.</summary>
    public double CutoffWithin(double low, double high, double near)
    {
        double best = double.NaN;
        foreach (var c in Cutoffs)
            if (c >= low && c <= high && (double.IsNaN(best) || Math.Abs(c - near) < Math.Abs(best - near))) best = c;
        return best;
    }

    public string Describe(double value) =>
        $"{Entry.Name} {value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}{(Unit.Length > 0 ? " " + Unit : "")}";
}

/// <summary>
/// The editable library of clinical cut-offs (shipped as clinical-cutoffs.json, embedded) that gives round numbers
/// clinicians act on extra prior weight and supplies expected risk directions.
/// </summary>
public sealed class ClinicalCutoffLibrary
{
    private const string ResourceName = "ClinicalGAM.Core.Diagnostics.Goodhart.clinical-cutoffs.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    private static readonly Lazy<ClinicalCutoffLibrary> Shipped = new(LoadShipped);

    public ClinicalCutoffLibrary(IReadOnlyList<ClinicalCutoff> entries) => Entries = entries;

    public IReadOnlyList<ClinicalCutoff> Entries { get; }

    /// <summary>The library shipped with ClinicalGAM.</summary>
    public static ClinicalCutoffLibrary Default => Shipped.Value;

    /// <summary>An empty library (no prior for clinical cut-offs, no declared directions).</summary>
    public static ClinicalCutoffLibrary Empty { get; } = new([]);

    /// <summary>Reads a library file; throws FormatException naming the problem when it is not valid.</summary>
    public static ClinicalCutoffLibrary Parse(Stream stream)
    {
        LibraryFile? file;
        try { file = JsonSerializer.Deserialize<LibraryFile>(stream, Json); }
        catch (JsonException e) { throw new FormatException($"Cut-off library is not valid JSON: {e.Message}", e); }
        if (file?.Biomarkers is null) throw new FormatException("Cut-off library has no 'biomarkers' array.");
        foreach (var b in file.Biomarkers)
        {
            if (string.IsNullOrWhiteSpace(b.Name)) throw new FormatException("Cut-off library: an entry has no name.");
            if (b.DirectionRange is { Length: not 2 }) throw new FormatException($"Cut-off library: '{b.Name}' directionRange needs two numbers.");
            if (b.RiskDirection is < -1 or > 1) throw new FormatException($"Cut-off library: '{b.Name}' riskDirection must be -1, 0 or 1.");
        }
        return new ClinicalCutoffLibrary(file.Biomarkers);
    }

    /// <summary>This library with a user's file layered on top: entries with the same name replace shipped ones.</summary>
    public ClinicalCutoffLibrary OverriddenBy(ClinicalCutoffLibrary user)
    {
        var names = new HashSet<string>(user.Entries.Select(e => e.Name), StringComparer.OrdinalIgnoreCase);
        return new ClinicalCutoffLibrary(Entries.Where(e => !names.Contains(e.Name)).Concat(user.Entries).ToList());
    }

    /// <summary>The shipped library, overridden by a user file when one is given.</summary>
    public static ClinicalCutoffLibrary Load(string? userFile)
    {
        if (userFile is null) return Default;
        using var s = File.OpenRead(userFile);
        return Default.OverriddenBy(Parse(s));
    }

    /// <summary>
    /// The entry whose alias matches the feature name (all alias words appear among the name's words, in order),
    /// with cut-offs converted to the unit whose typical value is closest to the feature's median.
    /// </summary>
    public CutoffMatch? Match(string feature, double featureMedian = double.NaN)
    {
        var words = Words(feature);
        ClinicalCutoff? best = null;
        int bestLength = 0;
        foreach (var entry in Entries)
            foreach (var alias in entry.Aliases.Append(entry.Name))
            {
                var aliasWords = Words(alias);
                if (aliasWords.Length == 0 || !ContainsInOrder(words, aliasWords)) continue;
                int length = aliasWords.Sum(w => w.Length);
                if (length > bestLength) { best = entry; bestLength = length; }
            }
        if (best is null) return null;

        var (unit, factor) = (best.Unit, 1.0);
        if (!double.IsNaN(featureMedian) && featureMedian > 0 && best.Typical > 0)
        {
            double Distance(double f) => Math.Abs(Math.Log(featureMedian / (best.Typical * f)));
            foreach (var u in best.Units)
                if (u.Factor > 0 && Distance(u.Factor) < Distance(factor)) (unit, factor) = (u.Unit, u.Factor);
            // A column on no known scale (a z-score, a log) gets no cut-offs rather than wrong ones.
            if (Distance(factor) > Math.Log(4)) return null;
        }
        double lo = best.DirectionRange?[0] * factor ?? double.NegativeInfinity;
        double hi = best.DirectionRange?[1] * factor ?? double.PositiveInfinity;
        return new CutoffMatch(best, unit, best.Cutoffs.Select(c => c * factor).ToArray(), best.RiskDirection, lo, hi);
    }

    private static string[] Words(string text) =>
        text.ToLowerInvariant().Split((char[])[' ', '_', '-', '.', '(', ')', '/', ','], StringSplitOptions.RemoveEmptyEntries);

    private static bool ContainsInOrder(string[] words, string[] alias)
    {
        for (int start = 0; start + alias.Length <= words.Length; start++)
        {
            int i = 0;
            while (i < alias.Length && words[start + i] == alias[i]) i++;
            if (i == alias.Length) return true;
        }
        return false;
    }

    private static ClinicalCutoffLibrary LoadShipped()
    {
        using var s = typeof(ClinicalCutoffLibrary).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        return Parse(s);
    }

    private sealed record LibraryFile(int Version, List<ClinicalCutoff>? Biomarkers);
}
