using System.Text;
using System.Text.Json;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Serialization.InterpretMl;

/// <summary>
/// InterpretML's explainable-boosting model JSON (what <c>ebm.to_json(file)</c> writes, format "1.0"), in and out.
/// Binary classifiers only (logit link): main effects and pairs, continuous cuts and categorical levels, the missing
/// bin, per-bag scores and their standard deviations. What an import loses: InterpretML's "unknown" bin of a numeric
/// feature (reached only by text in a numeric column, which our cohorts never hold) and its histograms.
/// Malformed or unsupported files raise <see cref="GamModelFormatException"/> naming the place in the file.
/// </summary>
public static class InterpretMlJson
{
    /// <summary>The engine name an imported model carries (ModelInfo.Engine).</summary>
    public const string EngineName = "interpretml";

    /// <summary>The outcome name given to an imported model when none is said (InterpretML files do not hold it).</summary>
    public const string DefaultOutcome = "outcome";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <param name="outcome">The cohort column the model predicts (metrics and drift checks read it).</param>
    public static GamModel Read(Stream stream, string outcome = DefaultOutcome)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var document = Parse(() => JsonDocument.Parse(stream, DocumentOptions));
        return InterpretMlReader.Read(document.RootElement, outcome);
    }

    public static GamModel Deserialize(string json, string outcome = DefaultOutcome)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = Parse(() => JsonDocument.Parse(json, DocumentOptions));
        return InterpretMlReader.Read(document.RootElement, outcome);
    }

    public static void Write(GamModel model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        // Indented like InterpretML's own files (indent=2), so the two can be compared by eye.
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        InterpretMlWriter.Write(model, writer);
    }

    public static string Serialize(GamModel model)
    {
        using var buffer = new MemoryStream();
        Write(model, buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static JsonDocument Parse(Func<JsonDocument> parse)
    {
        try { return parse(); }
        catch (JsonException e)
        {
            throw new GamModelFormatException(
                $"The InterpretML model file is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}", e);
        }
    }
}
