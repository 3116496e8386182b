#:project ../../src/ClinicalGAM.Core/ClinicalGAM.Core.csproj
#:property PublishAot=false
// What a shorter early-stopping window would buy (issue 11: the 1M fit at 0.3x InterpretML needs a fifth fewer passes,
// and about a fifth of them are the 100-round window after the last real improvement). Fits our engine at defaults
// except the window, on the CSVs `bench -- versus` writes, and prints fit seconds, rounds and test AUC per window.
// Not a product setting: numbers for the decision.
//   DOTNET_EnableAVX512=0 dotnet run -c Release bench/experiments/early-stopping-window.cs -- TRAIN.csv TEST.csv [windows=100,50]
// e.g. TRAIN = /tmp/clinicalgam-versus/versus-1000000-seed20261125-train.csv (run `bench -- versus --rows 1000000` first).
using System.Diagnostics;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Metrics;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Ebm;

if (args.Length < 2) { Console.WriteLine("usage: early-stopping-window.cs TRAIN.csv TEST.csv [windows=100,50]"); return 1; }
const string Outcome = "event";
const int Seed = 20261125; // the versus bench's seed
var windows = args.Length > 2 ? args[2].Split(',').Select(int.Parse).ToArray() : [100, 50];
var train = CohortCsvReader.Read(args[0]);
var test = CohortCsvReader.Read(args[1]);
var labels = OutcomeValidator.RequireBinary(test, Outcome);
var features = train.Columns.Select(c => c.Name).Where(n => n != Outcome).ToArray();
var rows = Enumerable.Range(0, train.RowCount).ToArray();
Console.WriteLine($"{train.RowCount:N0} training rows, {test.RowCount:N0} test rows, {Environment.ProcessorCount} cores");
foreach (int window in windows)
{
    var options = new EbmOptions { EarlyStoppingRounds = window };
    var spec = new ModelSpecification { Outcome = Outcome, Features = features, Seed = Seed };
    var clock = Stopwatch.StartNew();
    var model = new EbmTrainer(options).Fit(train, spec, rows);
    double seconds = clock.Elapsed.TotalSeconds;
    double auc = BinaryMetrics.RocAuc(labels, model.Predict(test));
    var d = model.Info.Diagnostics;
    string rounds = d is null ? "" : $"mains {d.MainRounds.Min()}-{d.MainRounds.Max()} (median {d.MainRounds.Order().ElementAt(d.MainRounds.Count() / 2)}), " +
        $"pairs {d.PairRounds.Min()}-{d.PairRounds.Max()} (median {d.PairRounds.Order().ElementAt(d.PairRounds.Count() / 2)})";
    Console.WriteLine($"window {window,3} rounds: fit {seconds:F1} s, test AUC {auc:F4}; {rounds}");
}
return 0;
