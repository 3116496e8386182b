namespace ClinicalGAM.Core.Data.Derived;

/// <summary>A new cohort column defined by a formula over existing ones, e.g. <c>baby_weight_g / maternal_height_cm</c>.</summary>
public sealed record DerivedFeature(string Name, string Formula)
{
    /// <summary>Reads the command-line form "name=formula" (the first '=' separates the name).</summary>
    public static DerivedFeature Parse(string definition)
    {
        int eq = definition.IndexOf('=');
        if (eq <= 0 || definition[..eq].Trim().Length == 0)
            throw new DerivedFeatureException($"A derived feature is written name=formula, not '{definition}'.", "", definition);
        return new DerivedFeature(definition[..eq].Trim(), definition[(eq + 1)..].Trim());
    }

    public override string ToString() => $"{Name}={Formula}";
}
