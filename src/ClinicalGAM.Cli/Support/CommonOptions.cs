namespace ClinicalGAM.Cli.Support;

/// <summary>The options several verbs share, worded once so that every verb's help says the same.</summary>
internal static class CommonOptions
{
    public const string Required = " Required.";

    public static VerbOption Model(string description = "The model file (from fit, edit, merge or import-model).") =>
        VerbOption.Value("--model", "MODEL.json", description + Required);

    public static VerbOption Data(string description = "The cohort file: .csv, .xlsx/.xls or .parquet.") =>
        VerbOption.Value("--data", "FILE", description + Required);

    public static readonly VerbOption Sheet =
        VerbOption.Value(CohortFiles.SheetOption, "NAME", "The sheet of an Excel workbook to read (default: the first); ignored for other files.");

    public static readonly VerbOption Derive = VerbOption.Repeatable(DerivedColumns.Option, "name=formula",
        "Adds a column computed by a formula, e.g. ratio=baby_weight_g/maternal_height_cm (after the model's own).");

    public static VerbOption Out(string placeholder, string description, bool required = true) =>
        VerbOption.Value("--out", placeholder, description + (required ? Required : ""));

    public static VerbOption Seed(string @default, string description = "Random seed of the split (same seed, same rows).") =>
        VerbOption.Value("--seed", "N", description, @default);
}
