namespace ClinicalGAM.Storage;

/// <summary>The editable part of a data-dictionary entry. Blank text is stored as "not given" (null).</summary>
public sealed record ColumnAnnotation(
    string? Label = null,
    string? Unit = null,
    ExpectedRiskDirection ExpectedDirection = ExpectedRiskDirection.Unspecified,
    double? MeasurementCost = null,
    bool IsSensitive = false);
