using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Core.Synthetic;

/// <summary>
/// Draws one delivery with clinically plausible values and dependencies (US-like case mix; units as recorded in
/// obstetric EHR extracts). The order of draws is part of the format: changing it changes every cohort.
/// </summary>
internal static class SmmPatientSampler
{
    private static readonly string[] Races = ["White", "Black", "Hispanic", "Asian", "Other"];
    private static readonly double[] RaceShares = [0.50, 0.15, 0.22, 0.07, 0.06];

    private static readonly double[][] QuintileByRace =
    [
        [0.12, 0.17, 0.21, 0.24, 0.26], // White
        [0.35, 0.27, 0.18, 0.12, 0.08], // Black
        [0.28, 0.27, 0.20, 0.15, 0.10], // Hispanic
        [0.10, 0.15, 0.20, 0.25, 0.30], // Asian
        [0.20, 0.20, 0.20, 0.20, 0.20], // Other
    ];

    public static SmmPatient Draw(SeededRandom r)
    {
        int year = 2012 + r.NextInt(12);
        int race = Pick(r, RaceShares);
        int quintile = 1 + Pick(r, QuintileByRace[race]);
        string insurance = DrawInsurance(r, quintile);
        bool medicaid = insurance == "medicaid";
        int age = (int)Math.Round(Math.Clamp(r.NextNormal(29.5 + 0.6 * (quintile - 3), 5.5), 15, 49));
        double heightMean = race switch { 3 => 159, 2 => 160, _ => 163.5 };
        double height = Round(Math.Clamp(r.NextNormal(heightMean, 6.8), 140, 190), 1);
        double bmi = Round(Math.Clamp(27 * Math.Exp(r.NextNormal(0, 0.19)) + (medicaid ? 1 : 0), 16, 60), 1);
        int parity = DrawParity(r, age);
        bool priorCesarean = parity > 0 && r.NextBool(0.22);
        bool previa = r.NextBool(0.004 * (priorCesarean ? 3 : 1) * (age > 35 ? 1.5 : 1));
        double preeclampsiaLogit = -3.3 + (parity == 0 ? 0.5 : 0) + 0.06 * Math.Max(0, bmi - 25)
            + 0.07 * Math.Max(0, age - 35) + (race == 1 ? 0.4 : 0);
        bool preeclampsia = r.NextBool(Logistic(preeclampsiaLogit));
        bool gestationalHypertension = !preeclampsia && r.NextBool(0.08);
        double sbpDraw = preeclampsia ? r.NextNormal(156, 15)
            : gestationalHypertension ? r.NextNormal(146, 12)
            : r.NextNormal(114 + 0.5 * (bmi - 27), 11);
        int sbp = (int)Math.Round(Math.Clamp(sbpDraw, 80, 220));

        bool preterm = r.NextBool(0.08 + (preeclampsia ? 0.15 : 0) + (previa ? 0.2 : 0));
        double u = r.NextDouble();
        double termDraw = r.NextNormal(39.3, 1.1);
        double ga = Round(preterm ? 37 - 13 * u * u : Math.Clamp(termDraw, 37, 42.6), 1);
        double weightFactor = Math.Exp(r.NextNormal(0, 0.12)) * (1 + 0.008 * (bmi - 27)) * (1 + 0.004 * (height - 163));
        int babyWeight = (int)Math.Round(Math.Clamp(3450 * Math.Exp(0.095 * (ga - 40)) * weightFactor, 350, 5800));

        bool anaemic = r.NextBool(0.13 + (medicaid ? 0.05 : 0) + (race == 1 ? 0.04 : 0));
        double hbDraw = anaemic ? r.NextNormal(8.6, 1.5) : r.NextNormal(11.9, 1.1);
        double hb = Round(Math.Clamp(hbDraw, 4.0, 16.5), 1);
        bool transfused = r.NextBool(hb < SmmGroundTruth.HemoglobinThreshold.At ? SmmGroundTruth.TransfusionRateBelowThreshold : 0.01);

        bool lowPlateletTail = r.NextBool(0.04);
        double plateletDraw = lowPlateletTail ? r.NextNormal(95, 30) : preeclampsia ? r.NextNormal(185, 60) : r.NextNormal(245, 55);
        int platelets = (int)Math.Round(Math.Clamp(plateletDraw, 8, 600));
        double creatinine = Round(Math.Clamp(0.58 * Math.Exp(r.NextNormal(0, 0.2)) + (preeclampsia ? 0.25 * r.NextDouble() : 0), 0.25, 4), 2);

        bool gdm = r.NextBool(0.07);
        double glucoseDraw = r.NextNormal(90 + 0.8 * (bmi - 27), 14) + (gdm ? Math.Abs(r.NextNormal(35, 15)) : 0);
        double glucose = Math.Clamp(glucoseDraw, 50, 300);
        // Heaping: a third of glucose results are charted rounded to the nearest 10 mg/dL.
        int glucoseRecorded = (int)(r.NextBool(0.35) ? Math.Round(glucose / 10) * 10 : Math.Round(glucose));

        double ferritin = Round(Math.Clamp((anaemic ? 9 : 45) * Math.Exp(r.NextNormal(0, anaemic ? 0.5 : 0.6)), 2, 800), 1);
        double ratio = babyWeight / height;
        string mode = DrawDeliveryMode(r, priorCesarean, previa, preeclampsia, parity, ratio);

        return new SmmPatient
        {
            DeliveryYear = year, MaternalAge = age, MaternalHeightCm = height, GestationalAgeWk = ga,
            BabyWeightG = babyWeight, Bmi = bmi, Parity = parity, PriorCesarean = priorCesarean, PlacentaPrevia = previa,
            Preeclampsia = preeclampsia, SystolicBp = sbp, HemoglobinGDl = hb, Transfused = transfused,
            Platelets = platelets, Creatinine = creatinine, GlucoseMgDl = glucoseRecorded, Ferritin = ferritin,
            DeliveryMode = mode, Insurance = insurance, RaceEthnicity = Races[race], ZipIncomeQuintile = quintile,
        };
    }

    private static string DrawInsurance(SeededRandom r, int quintile)
    {
        double medicaid = 0.62 - 0.12 * (quintile - 1);
        double u = r.NextDouble();
        return u < medicaid ? "medicaid" : u < medicaid + 0.04 ? "uninsured" : u < medicaid + 0.08 ? "other" : "private";
    }

    private static int DrawParity(SeededRandom r, int age)
    {
        double more = Math.Clamp(0.42 + 0.015 * (age - 29), 0.15, 0.65);
        int parity = 0;
        while (parity < 8 && r.NextBool(more)) parity++;
        return parity;
    }

    private static string DrawDeliveryMode(SeededRandom r, bool priorCesarean, bool previa, bool preeclampsia, int parity, double ratio)
    {
        double planned = previa ? 0.97 : priorCesarean ? 0.65 : 0.07;
        double emergency = 0.10 + 0.06 * Math.Max(0, ratio - 22) + (preeclampsia ? 0.10 : 0) + (parity == 0 ? 0.05 : 0);
        double u = r.NextDouble();
        if (u < planned) return "cesarean_planned";
        u = (u - planned) / (1 - planned);
        if (u < Math.Min(emergency, 0.8)) return "cesarean_emergency";
        return r.NextBool(0.07) ? "operative_vaginal" : "vaginal";
    }

    private static int Pick(SeededRandom r, double[] shares)
    {
        double u = r.NextDouble(), cumulative = 0;
        for (int k = 0; k < shares.Length - 1; k++)
        {
            cumulative += shares[k];
            if (u < cumulative) return k;
        }
        return shares.Length - 1;
    }

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));
    private static double Round(double x, int digits) => Math.Round(x, digits, MidpointRounding.AwayFromZero);
}
