namespace ClinicalGAM.Core.Diagnostics.Validation;

/// <summary>The cohort cannot be used to validate the model; <see cref="MissingColumns"/> names absent columns, if that is why.</summary>
public sealed class ExternalValidationException(string message, IReadOnlyList<string> missingColumns) : Exception(message)
{
    public IReadOnlyList<string> MissingColumns { get; } = missingColumns;
}
