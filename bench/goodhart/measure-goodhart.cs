#:project ../../src/ClinicalGAM.Core/ClinicalGAM.Core.csproj
#:property PublishAot=false
#:property JsonSerializerIsReflectionEnabledByDefault=true
// Recall and false flags of the Goodhart detectors on planted synthetic SMM cohorts (not a unit test: slow).
//   dotnet run bench/goodhart/measure-goodhart.cs -- [sizes=10000,50000,200000] [seeds=1,2,3] [--refit] [--cache DIR]
// --cache keeps each fitted model as DIR/smm_ROWS_SEED_BUILD.json and reuses it while the engine build is the same
// (fits are deterministic per seed and engine).
// Fits EBM (8 bags, main effects) per cohort, runs every detector with delivery_year as time column, and scores
// the flags against SmmGroundTruth: a planted threshold counts when flagged within one bin of its value, the policy
// when flagged within a year of its start; any other flag is a false flag.
using System.Diagnostics;
using ClinicalGAM.Core.Diagnostics.Goodhart;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Ebm;
using ClinicalGAM.Core.Serialization;
using ClinicalGAM.Core.Synthetic;

int cacheAt = Array.IndexOf(args, "--cache");
string? cache = cacheAt >= 0 ? args[cacheAt + 1] : null;
if (cache is not null) Directory.CreateDirectory(cache);
var positional = args.Where((a, i) => !a.StartsWith("--") && (cacheAt < 0 || i != cacheAt + 1)).ToArray();
int[] sizes = (positional.ElementAtOrDefault(0) ?? "10000,50000,200000").Split(',').Select(int.Parse).ToArray();
int[] seeds = (positional.ElementAtOrDefault(1) ?? "1,2,3").Split(',').Select(int.Parse).ToArray();
bool refit = args.Contains("--refit");

Console.WriteLine("| rows | seed | Hb 7 | SBP 160 | platelets 2018 | false flags | fit s | flags s |");
Console.WriteLine("|---:|---:|:---:|:---:|:---:|---|---:|---:|");
int found = 0, planted = 0, falseFlags = 0;
foreach (int rows in sizes)
foreach (int seed in seeds)
{
    var data = SmmCohortGenerator.Generate(rows, seed);
    var features = data.Columns.Select(c => c.Name).Where(n => !SmmGroundTruth.NonFeatures.Contains(n)).ToList();
    var spec = new ModelSpecification { Outcome = SmmGroundTruth.Outcome, Features = features, Bags = 8, Interactions = 0, Seed = seed };
    var clock = Stopwatch.StartNew();
    // The engine build's module id is part of the name: a changed engine never reuses a model fitted by an older one.
    string engineBuild = typeof(EbmTrainer).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..8];
    string? cached = cache is null ? null : Path.Combine(cache, $"smm_{rows}_{seed}_{engineBuild}.json");
    GamModel model;
    if (cached is not null && File.Exists(cached))
        using (var file = File.OpenRead(cached)) model = GamModelJson.Read(file);
    else
    {
        model = new EbmTrainer().Fit(data, spec, Enumerable.Range(0, rows).ToArray());
        if (cached is not null)
        {
            using (var file = File.Create(cached + ".tmp")) GamModelJson.Write(model, file);
            File.Move(cached + ".tmp", cached, overwrite: true);
        }
    }
    double fitSeconds = clock.Elapsed.TotalSeconds;
    clock.Restart();
    var flags = GoodhartAnalyzer.CreateDefault(refit ? new EbmTrainer() : null).Analyze(new GoodhartContext
    {
        Model = model,
        Data = data,
        Options = new GoodhartOptions { TimeColumn = SmmGroundTruth.TimeColumn },
    });
    double flagSeconds = clock.Elapsed.TotalSeconds;

    var matched = new HashSet<GoodhartFlag>();
    var cells = new List<string>();
    foreach (var t in SmmGroundTruth.Thresholds)
    {
        var binning = model.Terms.Single(x => !x.IsInteraction && x.Binnings[0].Feature == t.Feature).Binnings[0];
        var (lo, hi) = binning.BinRange(binning.BinOf(t.At));
        var hit = flags.FirstOrDefault(f => f.Kind == GoodhartKind.Threshold && f.Feature == t.Feature && Math.Abs(f.At - t.At) <= hi - lo);
        if (hit is not null) matched.Add(hit);
        cells.Add(hit is null ? "missed" : $"{hit.At:G4} ({hit.Effect:+0.00;-0.00})");
    }
    foreach (var p in SmmGroundTruth.Policies)
    {
        var hit = flags.FirstOrDefault(f => f.Kind == GoodhartKind.Temporal && f.Feature == p.Feature && Math.Abs(f.At - p.StartYear) <= 1);
        if (hit is not null) matched.Add(hit);
        cells.Add(hit is null ? "missed" : $"{hit.At} ({hit.Effect:+0.00;-0.00})");
    }
    var wrong = flags.Where(f => !matched.Contains(f)).ToList();
    found += matched.Count;
    planted += SmmGroundTruth.Thresholds.Count + SmmGroundTruth.Policies.Count;
    falseFlags += wrong.Count;
    string wrongText = wrong.Count == 0 ? "0" : $"{wrong.Count}: " + string.Join("; ", wrong.Select(f => $"{f.Kind} {f.Feature} {f.At:G4}"));
    Console.WriteLine($"| {rows} | {seed} | {string.Join(" | ", cells)} | {wrongText} | {fitSeconds:0} | {flagSeconds:0.0} |");
}
Console.WriteLine();
Console.WriteLine($"recall {found}/{planted} = {(double)found / planted:P0}; false flags {falseFlags} over {sizes.Length * seeds.Length} cohorts");
