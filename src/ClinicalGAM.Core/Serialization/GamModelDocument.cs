namespace ClinicalGAM.Core.Serialization;

// The on-disk shape of a model (format version 1). These records mirror the domain types one to one so that the
// JSON stays stable when the domain classes grow members; change them only together with FormatVersion.

internal sealed record GamModelDocument
{
    public string Format { get; init; } = GamModelJson.FormatName;
    public int FormatVersion { get; init; }
    public ModelInfoDocument Info { get; init; } = new();
    public double Intercept { get; init; }
    public double[]? BagIntercepts { get; init; }
    public List<GamTermDocument> Terms { get; init; } = [];
}

internal sealed record ModelInfoDocument
{
    public string Engine { get; init; } = "";
    public string Outcome { get; init; } = "";
    public string Objective { get; init; } = "LogLoss";
    public int Seed { get; init; }
    public string[] Features { get; init; } = [];
    public string? WeightColumn { get; init; }
    public int TrainingRows { get; init; }
    public double FitSeconds { get; init; }
    public DateTimeOffset CreatedUtc { get; init; }
    public Dictionary<string, string> Settings { get; init; } = new();
    // Added within version 1: absent in older files (read as none); older readers ignore it.
    public List<DerivedFeatureDocument> DerivedFeatures { get; init; } = [];
    // Added within version 2: a model edited by hand names its parent and lists its edits; absent = as fitted.
    public ModelParentDocument? EditedFrom { get; init; }
    public List<ShapeEditDocument> Edits { get; init; } = [];
}

internal sealed record ModelParentDocument
{
    public int? ModelId { get; init; }
    public string Name { get; init; } = "";
    public int Version { get; init; }
}

internal sealed record ShapeEditDocument
{
    public string Term { get; init; } = "";
    public string Tool { get; init; } = "";
    public int[] Cells { get; init; } = [];
    public double[] Before { get; init; } = [];
    public double[] After { get; init; } = [];
    public double? Value { get; init; }
    public string Reason { get; init; } = "";
    public string Author { get; init; } = "";
    public DateTimeOffset When { get; init; }
    public string? Source { get; init; }
}

internal sealed record DerivedFeatureDocument
{
    public string Name { get; init; } = "";
    public string Formula { get; init; } = "";
}

internal sealed record GamTermDocument
{
    public string Name { get; init; } = "";
    public List<FeatureBinningDocument> Binnings { get; init; } = [];
    public double[] Scores { get; init; } = [];
    public double[] StandardDeviations { get; init; } = [];
    public double[] BinWeights { get; init; } = [];
    [System.Text.Json.Serialization.JsonConverter(typeof(PackedBagScoresConverter))]
    public double[][]? BagScores { get; init; }
}

internal sealed record FeatureBinningDocument
{
    public string Feature { get; init; } = "";
    public string Kind { get; init; } = "Continuous";
    public double[] Cuts { get; init; } = [];
    public string[] Levels { get; init; } = [];
    public double Min { get; init; } = double.NaN;
    public double Max { get; init; } = double.NaN;
}
