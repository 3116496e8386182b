using System.Diagnostics;

namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>
/// Turns the bags' raw term scores into the published model: pairs purified into the mains, every term centred on
/// the training data (its weighted mean moved into the intercept), then mean and standard deviation across bags.
/// Each bag is processed on its own so its scores stay a valid model (BagScores + BagIntercepts).
/// </summary>
internal sealed class EbmModelBuilder
{
    private readonly EbmFeatures _features;
    private readonly EbmOptions _options;
    private readonly ModelSpecification _spec;
    private readonly BagSample[] _bags;
    private readonly (int A, int B)[] _pairs;
    private readonly double[][][] _mains;
    private readonly double[][][] _pairScores;
    private readonly double[] _rowWeights;

    public EbmModelBuilder(EbmFeatures features, EbmOptions options, ModelSpecification spec, BagSample[] bags,
        (int, int)[] pairs, double[][][] mains, double[][][] pairScores, double[] rowWeights)
    {
        _features = features;
        _options = options;
        _spec = spec;
        _bags = bags;
        _pairs = pairs;
        _mains = mains;
        _pairScores = pairScores;
        _rowWeights = rowWeights;
    }

    public GamModel Build(Stopwatch clock, string engine, int trainingRows)
    {
        int f = _features.Count, bagCount = _bags.Length;
        var mainWeights = new double[f][];
        for (int j = 0; j < f; j++) mainWeights[j] = CellWeights(_features.Bins[j], null, 0, _features.Binnings[j].BinCount);
        var pairWeights = new double[_pairs.Length][];
        for (int p = 0; p < _pairs.Length; p++)
        {
            var (a, c) = _pairs[p];
            int d1 = _features.PairBinnings[c].BinCount;
            pairWeights[p] = CellWeights(_features.PairBins[a], _features.PairBins[c], d1, _features.PairBinnings[a].BinCount * d1);
        }
        var maps = new int[f][];

        var bagIntercepts = new double[bagCount];
        for (int b = 0; b < bagCount; b++)
        {
            double intercept = _bags[b].InitialScore;
            var mains = _mains[b];
            for (int p = 0; p < _pairs.Length; p++)
            {
                var (a, c) = _pairs[p];
                var surface = _pairScores[b][p];
                var (rows, cols) = PairPurification.Purify(surface, pairWeights[p], _features.PairBinnings[a].BinCount,
                    _features.PairBinnings[c].BinCount, _options.PurificationIterations);
                AddToMain(mains[a], rows, maps[a] ??= _features.MainToPairBin(a));
                AddToMain(mains[c], cols, maps[c] ??= _features.MainToPairBin(c));
                intercept += Centre(surface, pairWeights[p], zeroEmpty: false);
            }
            for (int j = 0; j < f; j++) intercept += Centre(mains[j], mainWeights[j], zeroEmpty: true);
            bagIntercepts[b] = intercept;
        }

        var terms = new List<GamTerm>();
        for (int j = 0; j < f; j++)
            terms.Add(Aggregate(_features.Names[j], [_features.Binnings[j]], mainWeights[j], b => _mains[b][j]));
        for (int p = 0; p < _pairs.Length; p++)
        {
            var (a, c) = _pairs[p];
            terms.Add(Aggregate($"{_features.Names[a]} & {_features.Names[c]}",
                [_features.PairBinnings[a], _features.PairBinnings[c]], pairWeights[p], b => _pairScores[b][p]));
        }

        var info = new ModelInfo
        {
            Engine = engine,
            Outcome = _spec.Outcome,
            Objective = _spec.Objective,
            Seed = _spec.Seed,
            Features = _features.Names,
            WeightColumn = _spec.WeightColumn,
            TrainingRows = trainingRows,
            FitSeconds = clock.Elapsed.TotalSeconds,
            Settings = Settings(),
        };
        return new GamModel(info, bagIntercepts.Average(), terms, bagIntercepts);
    }

    private Dictionary<string, string> Settings()
    {
        var settings = _options.ToSettings();
        settings["interactions"] = _pairs.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (_spec.Monotone.Count > 0)
            settings["monotone"] = string.Join(",", _spec.Monotone.Select(kv => $"{kv.Key}:{(kv.Value > 0 ? "+1" : "-1")}"));
        return settings;
    }

    private double[] CellWeights(ushort[] bins0, ushort[]? bins1, int d1, int cells)
    {
        var weights = new double[cells];
        for (int i = 0; i < bins0.Length; i++)
        {
            int c = bins1 is null ? bins0[i] : bins0[i] * d1 + bins1[i];
            weights[c] += _rowWeights.Length == 0 ? 1 : _rowWeights[i];
        }
        return weights;
    }

    private static void AddToMain(double[] main, double[] additions, int[] map)
    {
        for (int b = 0; b < main.Length; b++) main[b] += additions[map[b]];
    }

    /// <summary>Subtracts the weighted mean and returns it; cells without training data are set to 0 for mains.</summary>
    private static double Centre(double[] scores, double[] weights, bool zeroEmpty)
    {
        double sw = 0, s = 0;
        for (int c = 0; c < scores.Length; c++) { sw += weights[c]; s += weights[c] * scores[c]; }
        double mean = sw > 0 ? s / sw : 0;
        for (int c = 0; c < scores.Length; c++)
            scores[c] = zeroEmpty && weights[c] <= 0 ? 0 : scores[c] - mean;
        return mean;
    }

    private GamTerm Aggregate(string name, FeatureBinning[] binnings, double[] weights, Func<int, double[]> bagScores)
    {
        int cells = weights.Length, bagCount = _bags.Length;
        var perBag = new double[bagCount][];
        for (int b = 0; b < bagCount; b++) perBag[b] = bagScores(b);
        var mean = new double[cells];
        var sd = new double[cells];
        for (int c = 0; c < cells; c++)
        {
            double s = 0;
            for (int b = 0; b < bagCount; b++) s += perBag[b][c];
            double m = s / bagCount;
            double v = 0;
            for (int b = 0; b < bagCount; b++) { double d = perBag[b][c] - m; v += d * d; }
            mean[c] = m;
            sd[c] = Math.Sqrt(v / bagCount);
        }
        return new GamTerm(name, binnings, mean, sd, weights, perBag);
    }
}
