namespace ClinicalGAM.Core.Serialization;

/// <summary>A model file that cannot be read: malformed JSON, a newer format version, or inconsistent content.</summary>
public sealed class GamModelFormatException : Exception
{
    public GamModelFormatException(string message, Exception? inner = null) : base(message, inner) { }
}
