namespace ClinicalGAM.Core.Synthetic;

/// <summary>
/// One synthetic delivery with every value as drawn, before any masking: the generator decides the outcome from these
/// latent values, then hides some of them (missing at random, or ferritin when not ordered).
/// </summary>
public readonly record struct SmmPatient
{
    public int DeliveryYear { get; init; }
    public int MaternalAge { get; init; }
    public double MaternalHeightCm { get; init; }
    public double GestationalAgeWk { get; init; }
    public int BabyWeightG { get; init; }
    /// <summary>Baby weight (g) over maternal height (cm): a baby large for the mother's frame.</summary>
    public double BabyHeightRatio => Math.Round(BabyWeightG / MaternalHeightCm, 3);
    public double Bmi { get; init; }
    public int Parity { get; init; }
    public bool PriorCesarean { get; init; }
    public bool PlacentaPrevia { get; init; }
    public bool Preeclampsia { get; init; }
    public int SystolicBp { get; init; }
    public double HemoglobinGDl { get; init; }
    public bool Transfused { get; init; }
    public int Platelets { get; init; }
    public double Creatinine { get; init; }
    public int GlucoseMgDl { get; init; }
    public double Ferritin { get; init; }
    public string DeliveryMode { get; init; }
    public string Insurance { get; init; }
    public string RaceEthnicity { get; init; }
    public int ZipIncomeQuintile { get; init; }
}
