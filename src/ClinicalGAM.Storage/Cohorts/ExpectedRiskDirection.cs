namespace ClinicalGAM.Storage;

/// <summary>What the clinician expects: does risk rise or fall as this variable rises?</summary>
public enum ExpectedRiskDirection
{
    /// <summary>No expectation recorded.</summary>
    Unspecified = 0,
    /// <summary>Higher value, higher risk (e.g. systolic blood pressure).</summary>
    Increasing = 1,
    /// <summary>Higher value, lower risk (e.g. haemoglobin).</summary>
    Decreasing = -1,
}
