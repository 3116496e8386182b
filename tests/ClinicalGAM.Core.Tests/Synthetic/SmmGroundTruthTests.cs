using ClinicalGAM.Core.Synthetic;

namespace ClinicalGAM.Core.Tests.Synthetic;

public class SmmGroundTruthTests
{
    [Fact]
    public void Hemoglobin_curve_jumps_up_at_7_against_its_falling_trend()
    {
        double Effect(double hb) => SmmGroundTruth.HemoglobinMarginalEffect(hb);
        Assert.True(Effect(6.0) > Effect(6.9), "below 7 risk still rises as Hb falls");
        Assert.True(Effect(7.0) > Effect(6.9) + 0.8, "crossing 7 upwards raises risk: the treated side is lower");
        Assert.True(Effect(7.0) > Effect(8.0), "above 7 risk falls with Hb");
        Assert.InRange(Effect(7.0) - Effect(6.9999) - SmmGroundTruth.HemoglobinThreshold.JumpLogOdds, -0.001, 0.001);
    }

    [Fact]
    public void Systolic_curve_drops_at_160_against_its_rising_trend()
    {
        double Effect(double sbp) => SmmGroundTruth.SystolicBpEffect(sbp);
        Assert.True(Effect(159) > Effect(150));
        Assert.True(Effect(160) < Effect(159) - 0.9);
        Assert.True(Effect(180) > Effect(160));
        Assert.InRange(Effect(160) - Effect(159.999) - SmmGroundTruth.SystolicThreshold.JumpLogOdds, -0.001, 0.001);
    }

    [Fact]
    public void Platelet_effect_fades_from_the_policy_year()
    {
        int start = SmmGroundTruth.PlateletPolicy.StartYear;
        double before = SmmGroundTruth.PlateletEffect(50, start - 1), after = SmmGroundTruth.PlateletEffect(50, start);
        Assert.True(before > 1.0);
        Assert.Equal(SmmGroundTruth.PlateletPolicy.EffectMultiplierAfter, after / before, 10);
        Assert.Equal(before, SmmGroundTruth.PlateletEffect(50, 2012));
    }

    [Fact]
    public void Negative_controls_have_no_jump_anywhere()
    {
        for (double cr = 0.3; cr < 3.9; cr += 0.01)
            Assert.True(Math.Abs(SmmGroundTruth.CreatinineEffect(cr + 0.01) - SmmGroundTruth.CreatinineEffect(cr)) < 0.07);
        foreach (double g in SmmGroundTruth.NegativeControls.Single(c => c.Feature == "glucose_mg_dl").RoundValues)
            Assert.Equal(0.012, SmmGroundTruth.GlucoseEffect(g) - SmmGroundTruth.GlucoseEffect(g - 1), 9);
    }

    [Fact]
    public void Strongest_driver_is_steep_and_monotone()
    {
        double previous = double.NegativeInfinity;
        for (double ratio = 5; ratio <= 35; ratio += 0.5)
        {
            double effect = SmmGroundTruth.BabyHeightRatioEffect(ratio);
            Assert.True(effect > previous);
            previous = effect;
        }
        Assert.True(SmmGroundTruth.BabyHeightRatioEffect(28) - SmmGroundTruth.BabyHeightRatioEffect(18) > 2.5);
    }

    [Fact]
    public void Gestational_age_is_u_shaped()
    {
        double term = SmmGroundTruth.GestationalAgeEffect(39);
        Assert.True(SmmGroundTruth.GestationalAgeEffect(30) > term + 1);
        Assert.True(SmmGroundTruth.GestationalAgeEffect(42) > term + 0.5);
    }

    [Fact]
    public void Generated_true_risk_shows_each_threshold_in_the_data()
    {
        var cohort = SmmCohortGenerator.GenerateWithTruth(20000, 20261125);
        double MeanLogit(Func<SmmPatient, bool> which) =>
            Enumerable.Range(0, cohort.Patients.Length).Where(i => which(cohort.Patients[i])).Average(i => cohort.TrueLogits[i]);
        Assert.True(MeanLogit(p => p.HemoglobinGDl is >= 6.5 and < 7) < MeanLogit(p => p.HemoglobinGDl is >= 7 and < 7.5));
        Assert.True(MeanLogit(p => p.SystolicBp is >= 160 and < 165) < MeanLogit(p => p.SystolicBp is >= 155 and < 160));
    }
}
