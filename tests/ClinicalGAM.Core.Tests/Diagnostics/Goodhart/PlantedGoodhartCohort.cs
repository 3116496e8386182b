using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Core.Tests.Diagnostics.Goodhart;

/// <summary>
/// Delivery-like cohorts with known Goodhart truths, generated here (independent of `clinicalgam synth`): smooth
/// effects of labs and vitals (a steep ratio feature and heaped readings among them), a base rate that drifts over
/// the years, and optionally one treatment threshold (a jump against the trend at a round number, up or down, on a lab
/// or a vital) and one policy change (the effect of one range, or of the whole shape, changing from some year).
/// Everything follows from the seed; <see cref="Renamed"/> gives the same cohort with opaque column names.
/// </summary>
public static class PlantedGoodhartCohort
{
    public sealed record Threshold(string Feature, double At, double Jump);

    /// <summary>A policy from Year on: in [Low, High) the effect moves by Shift (range-local), or the whole shape is
    /// scaled by Scale (Shift 0).</summary>
    public sealed record Policy(string Feature, int Year, double Low, double High, double Shift, double Scale);

    public sealed record Cohort(CohortTable Data, string Outcome, string Time, IReadOnlyList<string> Features,
        Threshold? Threshold, Policy? Policy)
    {
        /// <summary>The recording truth planted, if any (see <see cref="Heaping"/>).</summary>
        public Heaping? Heaping { get; init; }
    }

    /// <summary>
    /// Readings gamed toward a treatment cut-off: of the readings recorded in [At, At + Width), a share Share is written
    /// down just below At (1 to 3 recording steps, ToCut false: "139 rather than 142") or exactly at At (ToCut true:
    /// rounded to the threshold more than to other round numbers). Jump, when not 0, is a treatment given from the
    /// recorded At on (the outcome jumps there, right minus left); 0 is a pure recording artefact. The draws use their
    /// own random stream, so the rest of the cohort is the same as without it.
    /// </summary>
    public sealed record Heaping(string Feature, double At, double Width, double Share, bool ToCut, double Jump);

    public const string Outcome = "smm";
    public const string Time = "delivery_year";

    // Thresholds (feature, cut, jump): jumps go against the local trend, up and down, labs and vitals.
    private static readonly Threshold[] Thresholds =
    [
        new("hemoglobin_g_dl", 9, +1.0),   // transfused below 9: lower risk below, so risk jumps up at 9 (trend falls)
        new("systolic_bp", 150, -1.0),     // treated from 150: risk drops at 150 (trend rises)
        new("platelets", 150, +1.0),       // transfused below 150 (trend falls)
        new("heart_rate", 110, -1.0),      // treated from 110 (trend rises)
        new("hemoglobin_g_dl", 10, +1.0),
        new("systolic_bp", 140, -1.0),
    ];

    // Policies: range-local (effect of one range shifts) and whole-shape (effect scaled), at different years.
    private static readonly Policy[] Policies =
    [
        new("creatinine", 2017, 1.2, double.PositiveInfinity, -1.0, 1),       // renal pathway above 1.2 from 2017
        new("platelets", 2016, double.NegativeInfinity, 180, -1.0, 1),        // new platelet protocol below 180
        new("heart_rate", 2018, double.NegativeInfinity, double.PositiveInfinity, 0, 0.1), // whole shape fades
        new("creatinine", 2015, double.NegativeInfinity, double.PositiveInfinity, 0, 0.1),
        new("hemoglobin_g_dl", 2018, 12, double.PositiveInfinity, +1.0, 1),   // high Hb range gains risk from 2018
    ];

    /// <summary>Planted cohort number <paramref name="index"/> (or a null cohort when <paramref name="planted"/> is false).</summary>
    public static Cohort Generate(int rows, int seed, bool planted, Heaping? heaping = null)
    {
        var rng = new Random(seed);
        var gaming = new Random(seed * 7919 + 17);
        Threshold? threshold = planted ? Thresholds[seed % Thresholds.Length] : null;
        Policy? policy = null;
        if (planted)
        {
            // A policy on a different biomarker from the threshold's.
            var options = Policies.Where(p => p.Feature != threshold!.Feature).ToArray();
            policy = options[(seed / Thresholds.Length) % options.Length];
        }
        var year = new double[rows];
        var age = new double[rows]; var hb = new double[rows]; var sbp = new double[rows]; var plt = new double[rows];
        var hr = new double[rows]; var creat = new double[rows]; var ratio = new double[rows]; var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            year[i] = 2012 + rng.Next(10);
            age[i] = Math.Round(Math.Clamp(30 + 5.5 * Normal(rng), 16, 50));
            hb[i] = Math.Round(Math.Clamp(11 + 1.6 * Normal(rng), 5, 16), 1);
            double s = Math.Clamp(128 + 18 * Normal(rng), 80, 210);
            // Clinicians round a third of blood pressures to 10 mmHg: heaping without any jump in risk.
            sbp[i] = rng.NextDouble() < 0.33 ? Math.Round(s / 10) * 10 : Math.Round(s);
            plt[i] = Math.Round(Math.Clamp(220 + 65 * Normal(rng), 20, 500));
            hr[i] = Math.Round(Math.Clamp(88 + 15 * Normal(rng), 50, 160));
            creat[i] = Math.Round(Math.Exp(Math.Log(0.8) + 0.35 * Normal(rng)), 2);
            ratio[i] = Math.Round(Math.Exp(0.4 * Normal(rng)), 3);
            if (heaping is { } g)
            {
                var recorded = g.Feature switch
                {
                    "hemoglobin_g_dl" => hb, "systolic_bp" => sbp, "platelets" => plt, "heart_rate" => hr, "creatinine" => creat,
                    _ => throw new ArgumentException($"no heaping on {g.Feature}"),
                };
                double step = g.Feature switch { "hemoglobin_g_dl" => 0.1, "creatinine" => 0.01, _ => 1 };
                double v = recorded[i], u = gaming.NextDouble(), shift = 1 + gaming.Next(3);
                if (v >= g.At && v < g.At + g.Width && u < g.Share)
                    recorded[i] = Math.Round(g.ToCut ? g.At : g.At - shift * step, 2);
            }
            var values = new Dictionary<string, double>
            {
                ["hemoglobin_g_dl"] = hb[i], ["systolic_bp"] = sbp[i], ["platelets"] = plt[i], ["heart_rate"] = hr[i],
                ["creatinine"] = creat[i],
            };
            var effects = new Dictionary<string, double>
            {
                ["hemoglobin_g_dl"] = -0.30 * (hb[i] - 11),
                ["systolic_bp"] = 0.025 * (sbp[i] - 128),
                ["platelets"] = -0.006 * (plt[i] - 220),
                ["heart_rate"] = 0.025 * (hr[i] - 88),
                ["creatinine"] = 1.5 * Math.Log(creat[i] / 0.8),
            };
            if (policy is { } p && year[i] >= p.Year)
            {
                double v = values[p.Feature];
                effects[p.Feature] = p.Shift != 0
                    ? effects[p.Feature] + (v >= p.Low && v < p.High ? p.Shift : 0)
                    : effects[p.Feature] * p.Scale;
            }
            double eta = -2.3 + 0.04 * (year[i] - 2016) + 0.03 * (age[i] - 30) + effects.Values.Sum()
                // A steep but smooth effect of the ratio: the feature that once gave a -7e11 "jump".
                + 2.5 * Math.Tanh(3 * Math.Log(ratio[i]));
            if (threshold is { } t)
            {
                double v = values[t.Feature];
                // Treatment on one side of the cut: the jump (right minus left) is t.Jump.
                eta += t.Jump > 0 ? (v < t.At ? -t.Jump : 0) : (v >= t.At ? t.Jump : 0);
            }
            // Treatment from the recorded value on: the reading that was gamed decides the care.
            if (heaping is { Jump: not 0 } h) eta += values[h.Feature] >= h.At ? h.Jump : 0;
            y[i] = rng.NextDouble() < 1 / (1 + Math.Exp(-eta)) ? 1 : 0;
        }
        var columns = new List<CohortColumn>
        {
            new NumericColumn(Time, year), new NumericColumn("maternal_age", age), new NumericColumn("hemoglobin_g_dl", hb),
            new NumericColumn("systolic_bp", sbp), new NumericColumn("platelets", plt), new NumericColumn("heart_rate", hr),
            new NumericColumn("creatinine", creat), new NumericColumn("baby_weight_ratio", ratio),
            new NumericColumn(Outcome, y, ColumnKind.Binary),
        };
        var features = columns.Select(c => c.Name).Where(n => n != Outcome && n != Time).ToList();
        return new Cohort(new CohortTable(columns), Outcome, Time, features, threshold, policy) { Heaping = heaping };
    }

    /// <summary>Opaque names a warehouse might use: labs lab_0N, vitals vital_0N, outcome "event", time "period".</summary>
    public static readonly IReadOnlyDictionary<string, string> OpaqueNames = new Dictionary<string, string>
    {
        [Time] = "period", ["maternal_age"] = "demo_01", ["hemoglobin_g_dl"] = "lab_07", ["systolic_bp"] = "vital_02",
        ["platelets"] = "lab_03", ["heart_rate"] = "vital_05", ["creatinine"] = "lab_11", ["baby_weight_ratio"] = "derived_04",
        [Outcome] = "event",
    };

    public static Cohort Renamed(Cohort c)
    {
        string N(string name) => OpaqueNames[name];
        var columns = c.Data.Columns.Select(col => (CohortColumn)new NumericColumn(N(col.Name), ((NumericColumn)col).Values.ToArray(), col.Kind)).ToList();
        return new Cohort(new CohortTable(columns), N(c.Outcome), N(c.Time), c.Features.Select(N).ToList(),
            c.Threshold is null ? null : c.Threshold with { Feature = N(c.Threshold.Feature) },
            c.Policy is null ? null : c.Policy with { Feature = N(c.Policy.Feature) })
        {
            Heaping = c.Heaping is null ? null : c.Heaping with { Feature = N(c.Heaping.Feature) },
        };
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
