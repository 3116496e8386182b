namespace ClinicalGAM.Core.Synthetic;

/// <summary>
/// A treatment threshold planted in the cohort: clinicians treat on one side of a round number, the treatment lowers
/// risk, so the observed risk curve jumps against its trend at exactly <see cref="At"/> (the bin edge: values &gt;= At
/// are right of it).
/// </summary>
/// <param name="Trend">+1 when untreated risk rises with the biomarker (SBP), -1 when it falls (Hb).</param>
/// <param name="TreatedBelow">true when values below At are treated (Hb &lt; 7); false for At and above (SBP &gt;= 160).</param>
/// <param name="JumpLogOdds">Change in log-odds of the true risk when crossing At from left to right (sign included).</param>
public sealed record PlantedThreshold(string Feature, double At, int Trend, bool TreatedBelow, double JumpLogOdds, string Treatment);

/// <summary>A treatment policy that starts in a given year and weakens a biomarker's effect from then on.</summary>
/// <param name="EffectMultiplierAfter">The biomarker's log-odds effect is multiplied by this from StartYear on.</param>
public sealed record PlantedPolicy(string Feature, string TimeColumn, int StartYear, double EffectMultiplierAfter, string Treatment);

/// <summary>A feature that must not be flagged: a smooth effect, or values heaped at round numbers with no jump.</summary>
public sealed record NegativeControl(string Feature, string Why, double[] RoundValues);
