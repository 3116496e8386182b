using System.Text.Json;
using System.Text.Json.Serialization;
using ClinicalGAM.Core.Data.Derived;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Editing;

namespace ClinicalGAM.Core.Serialization;

/// <summary>
/// The stable, versioned JSON form of a <see cref="GamModel"/>. Doubles are written in their shortest round-trip form
/// (NaN and infinities as the strings "NaN", "Infinity", "-Infinity"), so reading back gives the same bits.
/// Files from a newer format version are refused rather than half-read. Version 2 packs per-bag scores as base64
/// doubles (<see cref="PackedBagScoresConverter"/>); version 1 files are still read.
/// </summary>
public static class GamModelJson
{
    public const string FormatName = "clinicalgam-gam";
    public const int CurrentFormatVersion = 2;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false, // a model file is read by machines; `explain` is the human view, and indenting doubles its size
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        RespectNullableAnnotations = true,
    };

    public static void Write(GamModel model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        JsonSerializer.Serialize(stream, ToDocument(model), Options);
    }

    public static string Serialize(GamModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return JsonSerializer.Serialize(ToDocument(model), Options);
    }

    public static GamModel Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var document = Parse(() => JsonDocument.Parse(stream, DocumentOptions));
        return FromJson(document);
    }

    public static GamModel Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = Parse(() => JsonDocument.Parse(json, DocumentOptions));
        return FromJson(document);
    }

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    private static JsonDocument Parse(Func<JsonDocument> parse)
    {
        try { return parse(); }
        catch (JsonException e)
        {
            throw new GamModelFormatException(
                $"The model file is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}", e);
        }
    }

    // The version is checked before anything else is interpreted, so a newer file fails with a clear message
    // instead of a confusing error about a field it does not understand.
    private static GamModel FromJson(JsonDocument json)
    {
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new GamModelFormatException("The model file must hold a JSON object.");
        if (!root.TryGetProperty("formatVersion", out var versionElement) || !versionElement.TryGetInt32(out int version))
            throw new GamModelFormatException("The model file has no integer 'formatVersion': it is not a ClinicalGAM model.");
        if (root.TryGetProperty("format", out var formatElement) && formatElement.GetString() != FormatName)
            throw new GamModelFormatException($"The model file's format is '{formatElement.GetString()}', expected '{FormatName}'.");
        if (version > CurrentFormatVersion)
            throw new GamModelFormatException(
                $"The model file uses format version {version}, but this version of ClinicalGAM reads up to version " +
                $"{CurrentFormatVersion}. Update ClinicalGAM to read it.");
        if (version < 1)
            throw new GamModelFormatException($"The model file has an invalid format version {version}.");

        GamModelDocument? doc;
        try { doc = root.Deserialize<GamModelDocument>(Options); }
        catch (JsonException e)
        {
            throw new GamModelFormatException($"The model file does not match format version {version}: {e.Message}", e);
        }
        if (doc is null) throw new GamModelFormatException("The model file is empty.");
        try { return FromDocument(doc); }
        catch (ArgumentException e)
        {
            throw new GamModelFormatException($"The model file is inconsistent: {e.Message}", e);
        }
    }

    private static GamModelDocument ToDocument(GamModel model) => new()
    {
        FormatVersion = CurrentFormatVersion,
        Info = new ModelInfoDocument
        {
            Engine = model.Info.Engine,
            Outcome = model.Info.Outcome,
            Objective = model.Info.Objective.ToString(),
            Seed = model.Info.Seed,
            Features = model.Info.Features,
            WeightColumn = model.Info.WeightColumn,
            TrainingRows = model.Info.TrainingRows,
            FitSeconds = model.Info.FitSeconds,
            CreatedUtc = model.Info.CreatedUtc,
            Settings = model.Info.Settings,
            DerivedFeatures = model.Info.DerivedFeatures.Select(d => new DerivedFeatureDocument { Name = d.Name, Formula = d.Formula }).ToList(),
            EditedFrom = model.Info.EditedFrom is { } p ? new ModelParentDocument { ModelId = p.ModelId, Name = p.Name, Version = p.Version } : null,
            Edits = model.Info.Edits.Select(e => new ShapeEditDocument
            {
                Term = e.Term, Tool = e.Tool.Slug(), Cells = e.Cells, Before = e.Before, After = e.After, Value = e.Value,
                Reason = e.Reason, Author = e.Author, When = e.When, Source = e.Source,
            }).ToList(),
        },
        Intercept = model.Intercept,
        BagIntercepts = model.BagIntercepts,
        Terms = model.Terms.Select(t => new GamTermDocument
        {
            Name = t.Name,
            Binnings = t.Binnings.Select(b => new FeatureBinningDocument
            {
                Feature = b.Feature,
                Kind = b.Kind.ToString(),
                Cuts = b.Cuts,
                Levels = b.Levels,
                Min = b.Min,
                Max = b.Max,
            }).ToList(),
            Scores = t.Scores,
            StandardDeviations = t.StandardDeviations,
            BinWeights = t.BinWeights,
            BagScores = t.BagScores,
        }).ToList(),
    };

    private static ShapeEditTool ParseTool(string slug)
    {
        try { return ShapeEditTools.Parse(slug); }
        catch (ArgumentException e) { throw new GamModelFormatException($"The model's edit history names an unknown edit: {e.Message}"); }
    }

    private static GamModel FromDocument(GamModelDocument doc)
    {
        if (!Enum.TryParse<Objective>(doc.Info.Objective, ignoreCase: false, out var objective))
            throw new GamModelFormatException($"Unknown objective '{doc.Info.Objective}'.");
        var info = new ModelInfo
        {
            Engine = doc.Info.Engine,
            Outcome = doc.Info.Outcome,
            Objective = objective,
            Seed = doc.Info.Seed,
            Features = doc.Info.Features,
            WeightColumn = doc.Info.WeightColumn,
            TrainingRows = doc.Info.TrainingRows,
            FitSeconds = doc.Info.FitSeconds,
            CreatedUtc = doc.Info.CreatedUtc,
            Settings = doc.Info.Settings,
            DerivedFeatures = doc.Info.DerivedFeatures.Select(d => new DerivedFeature(d.Name, d.Formula)).ToArray(),
            EditedFrom = doc.Info.EditedFrom is { } p ? new ModelParent(p.ModelId, p.Name, p.Version) : null,
            Edits = doc.Info.Edits.Select(e => new ShapeEditRecord(e.Term, ParseTool(e.Tool), e.Cells, e.Before, e.After, e.Value,
                e.Reason, e.Author, e.When, e.Source)).ToArray(),
        };
        var terms = doc.Terms.Select(t =>
        {
            var binnings = t.Binnings.Select(b =>
            {
                if (!Enum.TryParse<BinningKind>(b.Kind, ignoreCase: false, out var kind))
                    throw new GamModelFormatException($"Term '{t.Name}': unknown binning kind '{b.Kind}'.");
                return new FeatureBinning { Feature = b.Feature, Kind = kind, Cuts = b.Cuts, Levels = b.Levels, Min = b.Min, Max = b.Max };
            }).ToArray();
            return new GamTerm(t.Name, binnings, t.Scores, t.StandardDeviations, t.BinWeights, t.BagScores);
        }).ToList();
        if (doc.BagIntercepts is { } bi && terms.Any(t => t.BagScores is { } bs && bs.Length != bi.Length))
            throw new GamModelFormatException("A term's bag count differs from the number of bag intercepts.");
        return new GamModel(info, doc.Intercept, terms, doc.BagIntercepts);
    }
}
