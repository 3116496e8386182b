namespace ClinicalGAM.Core.Modeling;

/// <summary>A progress report from a running fit. Fraction is 0..1 over the whole fit.</summary>
public readonly record struct FitProgress(
    string Stage,
    double Fraction,
    int Bag = 0,
    int Bags = 0,
    int Round = 0,
    double ValidationLoss = double.NaN);
