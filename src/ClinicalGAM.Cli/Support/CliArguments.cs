using System.CommandLine;
using System.Globalization;

namespace ClinicalGAM.Cli.Support;

/// <summary>
/// A tiny parser for "--name value" and "--switch" options. Each verb declares its options up front, so a typo is
/// reported instead of silently ignored.
/// </summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _switches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _repeated = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _declaredDefaults = new(StringComparer.Ordinal);

    private CliArguments() { }

    /// <param name="options">Options that take a value (e.g. "--data").</param>
    /// <param name="switches">Options without a value (e.g. "--contributions").</param>
    /// <param name="repeatable">Options that take a value and may be given several times (e.g. "--derive"); read with <see cref="All"/>.</param>
    public static CliArguments Parse(string[] args, IEnumerable<string> options, IEnumerable<string>? switches = null,
        IEnumerable<string>? repeatable = null)
    {
        var withValue = options.ToHashSet(StringComparer.Ordinal);
        var many = (repeatable ?? []).ToHashSet(StringComparer.Ordinal);
        withValue.UnionWith(many);
        var flags = (switches ?? []).ToHashSet(StringComparer.Ordinal);
        var parsed = new CliArguments();
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string name = arg, inlineValue = "";
            int eq = arg.IndexOf('=');
            bool hasInline = arg.StartsWith("--", StringComparison.Ordinal) && eq > 2;
            if (hasInline) (name, inlineValue) = (arg[..eq], arg[(eq + 1)..]);
            if (flags.Contains(name) && !hasInline)
            {
                parsed._switches.Add(name);
            }
            else if (withValue.Contains(name))
            {
                string value = hasInline ? inlineValue
                    : i + 1 < args.Length ? args[++i]
                    : throw new CliUsageException($"Option {name} needs a value.");
                if (many.Contains(name))
                {
                    if (!parsed._repeated.TryGetValue(name, out var list)) parsed._repeated[name] = list = [];
                    list.Add(value);
                }
                else if (!parsed._values.TryAdd(name, value)) throw new CliUsageException($"Option {name} is given twice.");
            }
            else
            {
                throw new CliUsageException(arg.StartsWith('-') ? $"Unknown option '{arg}'." : $"Unexpected argument '{arg}'.");
            }
        }
        return parsed;
    }

    /// <summary>
    /// The options System.CommandLine matched, in the same shape as <see cref="Parse"/> gives: an option left out (its
    /// help default not yet applied) is absent, so each verb applies its own default exactly as before.
    /// </summary>
    internal static CliArguments FromParse(ParseResult result, IEnumerable<(VerbOption Spec, Option Symbol)> options)
    {
        var parsed = new CliArguments();
        foreach (var (spec, symbol) in options)
        {
            if (spec.Default is { } declared) parsed._declaredDefaults[spec.Name] = declared;
            if (result.GetResult(symbol) is not { Implicit: false } given) continue;
            switch (spec.Shape)
            {
                case OptionShape.Switch:
                    if (given.GetValueOrDefault<bool>()) parsed._switches.Add(spec.Name);
                    break;
                case OptionShape.Repeatable:
                    parsed._repeated[spec.Name] = [.. given.GetValueOrDefault<string[]>() ?? []];
                    break;
                default:
                    if (given.IdentifierTokenCount > 1) throw new CliUsageException($"Option {spec.Name} is given twice.");
                    parsed._values[spec.Name] = given.GetValueOrDefault<string>() ?? "";
                    break;
            }
        }
        return parsed;
    }

    public bool Has(string name) => _switches.Contains(name) || _values.ContainsKey(name) || _repeated.ContainsKey(name);

    /// <summary>Every value of a repeatable option, in the order given; empty when absent.</summary>
    public IReadOnlyList<string> All(string name) => _repeated.TryGetValue(name, out var list) ? list : [];

    public string Required(string name) =>
        _values.TryGetValue(name, out var v) && v.Length > 0 ? v : throw new CliUsageException($"Option {name} is required.");

    public string? Optional(string name) => _values.GetValueOrDefault(name);

    public string Optional(string name, string fallback) => _values.GetValueOrDefault(name) ?? Checked(name, fallback, fallback);

    public int Int(string name, int fallback, int min = int.MinValue)
    {
        if (!_values.TryGetValue(name, out var text)) return Checked(name, fallback, fallback.ToString(CultureInfo.InvariantCulture));
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) || v < min)
            throw new CliUsageException($"Option {name} needs a whole number{(min > int.MinValue ? $" >= {min}" : "")}, not '{text}'.");
        return v;
    }

    public int? OptionalInt(string name, int min = int.MinValue) => Has(name) ? Int(name, 0, min) : null;

    public double Double(string name, double fallback, double min, double max)
    {
        if (!_values.TryGetValue(name, out var text))
            return Checked(name, fallback, fallback.ToString(CultureInfo.InvariantCulture));
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || v < min || v > max)
            throw new CliUsageException($"Option {name} needs a number between {min} and {max}, not '{text}'.");
        return v;
    }

    /// <summary>
    /// The default a verb applies must be the one its help shows: a numeric or word default declared on the option
    /// that differs from the verb's is a programming error, thrown (not reported) so that any test running the verb fails.
    /// Defaults described in words ("the model's") are not compared.
    /// </summary>
    private T Checked<T>(string name, T fallback, string fallbackText)
    {
        if (_declaredDefaults.TryGetValue(name, out var declared) && !declared.Contains(' ') && declared != fallbackText)
            throw new System.Diagnostics.UnreachableException($"{name}: help shows the default '{declared}' but the verb uses '{fallbackText}'.");
        return fallback;
    }

    /// <summary>A comma-separated list ("a,b,c"), trimmed, empty entries dropped; empty when absent.</summary>
    public string[] List(string name) =>
        _values.TryGetValue(name, out var text)
            ? text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [];
}
