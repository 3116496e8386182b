namespace ClinicalGAM.Core.Synthetic;

/// <summary>
/// The planted truth of the synthetic severe-maternal-morbidity cohort: the exact risk function the outcome is drawn
/// from, the treatment thresholds and policy that bend it, and the negative controls that must stay unflagged.
/// Every effect is on the log-odds scale and is a function of recorded values (latent values for masked cells).
/// </summary>
public static class SmmGroundTruth
{
    public const string Outcome = "smm";
    public const string IdColumn = "patient_id";
    public const string TimeColumn = "delivery_year";
    public const string TreatmentColumn = "transfused";
    public const string SensitiveAttribute = "race_ethnicity";
    public const string SensitiveProxy = "zip_income_quintile";
    public const string InformativeMissingColumn = "ferritin";
    public const string StrongestDriver = "baby_height_ratio";

    /// <summary>Log-odds intercept, set so that prevalence is about 6-7%.</summary>
    public const double Intercept = -5.05;

    /// <summary>Share of patients with Hb below 7.0 g/dL who are transfused or given IV iron.</summary>
    public const double TransfusionRateBelowThreshold = 0.85;
    public const double TransfusionEffect = -1.1;
    public const double AntihypertensiveEffect = -1.0;

    /// <summary>Hb &lt; 7.0 is transfused (85%); treatment lowers risk, so risk jumps UP when Hb crosses 7.0 from below.</summary>
    public static PlantedThreshold HemoglobinThreshold { get; } = new(
        "hemoglobin_g_dl", 7.0, Trend: -1, TreatedBelow: true,
        JumpLogOdds: -TransfusionRateBelowThreshold * TransfusionEffect,
        Treatment: "transfusion / IV iron when Hb < 7.0 g/dL (recorded in 'transfused')");

    /// <summary>SBP &gt;= 160 is always treated; treatment lowers risk, so risk drops at 160 although it rises with SBP.</summary>
    public static PlantedThreshold SystolicThreshold { get; } = new(
        "systolic_bp", 160, Trend: +1, TreatedBelow: false, JumpLogOdds: AntihypertensiveEffect,
        Treatment: "urgent antihypertensive treatment at SBP >= 160 mmHg (not recorded)");

    public static IReadOnlyList<PlantedThreshold> Thresholds { get; } = [HemoglobinThreshold, SystolicThreshold];

    /// <summary>From 2018 platelet-guided management: the platelet effect keeps only 20% of its size.</summary>
    public static PlantedPolicy PlateletPolicy { get; } = new(
        "platelets", TimeColumn, 2018, EffectMultiplierAfter: 0.2,
        Treatment: "platelet-guided delivery planning and transfusion from 2018");

    public static IReadOnlyList<PlantedPolicy> Policies { get; } = [PlateletPolicy];

    public static IReadOnlyList<NegativeControl> NegativeControls { get; } =
    [
        new("creatinine", "smooth increasing effect (log scale), no threshold at any clinical cut-off such as 1.0 or 1.1 mg/dL", []),
        new("glucose_mg_dl", "35% of values heaped at multiples of 10 mg/dL, smooth linear effect with no jump",
            [70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 180, 200]),
    ];

    /// <summary>Columns a risk model should not use by default: the ID, the outcome, and the recorded treatment.</summary>
    public static IReadOnlyList<string> NonFeatures { get; } = [IdColumn, Outcome, TreatmentColumn];

    public static double TrueLogit(in SmmPatient p) =>
        Intercept
        + MaternalAgeEffect(p.MaternalAge)
        + BabyHeightRatioEffect(p.BabyHeightRatio)
        + GestationalAgeEffect(p.GestationalAgeWk)
        + BmiEffect(p.Bmi)
        + ParityEffect(p.Parity)
        + (p.PriorCesarean ? 0.45 : 0)
        + (p.PlacentaPrevia ? 1.6 : 0)
        + (p.Preeclampsia ? 0.6 : 0)
        + SystolicBpEffect(p.SystolicBp)
        + HemoglobinEffect(p.HemoglobinGDl, p.Transfused)
        + PlateletEffect(p.Platelets, p.DeliveryYear)
        + CreatinineEffect(p.Creatinine)
        + GlucoseEffect(p.GlucoseMgDl)
        + DeliveryModeEffect(p.DeliveryMode)
        + ZipIncomeQuintileEffect(p.ZipIncomeQuintile)
        + RaceEthnicityEffect(p.RaceEthnicity)
        + DeliveryYearEffect(p.DeliveryYear);

    public static double TrueRisk(in SmmPatient p) => 1 / (1 + Math.Exp(-TrueLogit(p)));

    /// <summary>U-ish: risk rises below 20 and, faster, above 34 years.</summary>
    public static double MaternalAgeEffect(double age) =>
        0.07 * Math.Max(0, 20 - age) + 0.06 * Math.Max(0, age - 34) + 0.004 * Square(Math.Max(0, age - 34));

    /// <summary>Steep, monotone: a large baby for the mother's frame (obstructed labour, haemorrhage).</summary>
    public static double BabyHeightRatioEffect(double ratio) => 0.8 * Softplus((ratio - 21) / 2);

    /// <summary>U-shaped: preterm below 37.5 weeks and post-term beyond 40.5 weeks.</summary>
    public static double GestationalAgeEffect(double weeks) =>
        0.16 * Math.Max(0, 37.5 - weeks) + 0.5 * Math.Max(0, weeks - 40.5);

    public static double BmiEffect(double bmi) => 0.035 * Math.Max(0, bmi - 30) + 0.06 * Math.Max(0, 19 - bmi);

    public static double ParityEffect(int parity) => (parity == 0 ? 0.2 : 0) + 0.15 * Math.Max(0, parity - 3);

    /// <summary>Untreated risk rises 0.022 per mmHg above 115; treatment from 160 takes 1.0 off.</summary>
    public static double SystolicBpEffect(double sbp) =>
        0.022 * Math.Max(0, sbp - 115) + (sbp >= SystolicThreshold.At ? AntihypertensiveEffect : 0);

    /// <summary>Untreated: anaemia raises risk 0.38 per g/dL below 10.5. Treatment (given below 7.0) takes 1.1 off.</summary>
    public static double HemoglobinEffect(double hb, bool transfused) =>
        0.38 * Math.Max(0, 10.5 - hb) + (transfused && hb < HemoglobinThreshold.At ? TransfusionEffect : 0);

    /// <summary>The Hb effect a model without the treatment column should learn: treatment averaged in below 7.0.</summary>
    public static double HemoglobinMarginalEffect(double hb) =>
        0.38 * Math.Max(0, 10.5 - hb) + (hb < HemoglobinThreshold.At ? TransfusionRateBelowThreshold * TransfusionEffect : 0);

    /// <summary>Thrombocytopenia raises risk 0.011 per 10^9/L below 150, shrunk to 20% from the policy year.</summary>
    public static double PlateletEffect(double platelets, int year) =>
        0.011 * Math.Max(0, 150 - platelets) * (year >= PlateletPolicy.StartYear ? PlateletPolicy.EffectMultiplierAfter : 1);

    /// <summary>Negative control: smooth in log creatinine, no cut-off.</summary>
    public static double CreatinineEffect(double creatinine) => 1.8 * Math.Log(creatinine / 0.6);

    /// <summary>Negative control: linear, although recorded values are heaped at multiples of 10.</summary>
    public static double GlucoseEffect(double glucose) => 0.012 * (glucose - 90);

    public static double DeliveryModeEffect(string mode) => mode switch
    {
        "cesarean_emergency" => 0.9,
        "operative_vaginal" => 0.35,
        "cesarean_planned" => 0.3,
        _ => 0,
    };

    /// <summary>Neighbourhood deprivation (the proxy) carries risk of its own.</summary>
    public static double ZipIncomeQuintileEffect(int quintile) => quintile switch { 1 => 0.3, 2 => 0.2, 3 => 0.1, 4 => 0, _ => -0.1 };

    /// <summary>A direct disparity for Black patients beyond the measured factors, as reported for SMM.</summary>
    public static double RaceEthnicityEffect(string race) => race == "Black" ? 0.3 : 0;

    /// <summary>A slow secular rise in SMM.</summary>
    public static double DeliveryYearEffect(int year) => 0.03 * (year - 2012);

    private static double Square(double x) => x * x;
    private static double Softplus(double x) => x > 30 ? x : Math.Log(1 + Math.Exp(x));
}
