namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>The work of one outer bag in each stage: boost mains, rank pairs on the residuals, boost pairs.</summary>
internal sealed class BagRunner
{
    private readonly EbmFeatures _features;
    private readonly BagSample[] _bags;
    private readonly LossFunction _loss;
    private readonly EbmOptions _options;
    private readonly ModelSpecification _spec;
    private readonly FitProgressTracker _tracker;
    private readonly CancellationToken _cancellationToken;
    private long _passes, _mainPasses, _pairPasses, _rankedPairs;
    private int _stagesAtCap, _rankingRows;
    private readonly int[] _mainRounds, _pairRounds;

    public BagRunner(EbmFeatures features, BagSample[] bags, LossFunction loss, EbmOptions options,
        ModelSpecification spec, FitProgressTracker tracker, CancellationToken cancellationToken)
    {
        _features = features;
        _bags = bags;
        _loss = loss;
        _options = options;
        _spec = spec;
        _tracker = tracker;
        _cancellationToken = cancellationToken;
        _mainRounds = new int[bags.Length];
        _pairRounds = new int[bags.Length];
    }

    private StageSettings Settings(int smoothingRounds, int validationRows) => new(
        _options.LearningRateFor(_spec.Objective), _options.MinSamplesLeaf, _options.MinHessian,
        _options.CategorySmoothing, _options.NominalGainScale, smoothingRounds, _options.GreedyRatio,
        _options.MaxRounds, _options.EarlyStoppingRoundsFor(validationRows), _options.EarlyStoppingTolerance,
        _options.EarlyStoppingMinImprovement, _options.MaxRoundsPerTrainingRow);

    private SplitMixRandom Random(int bag, int stage) => new(_spec.Seed, bag * 8 + stage);

    public double[][] BoostMains(int b)
    {
        var bag = _bags[b];
        var terms = new BoostTerm[_features.Count];
        for (int j = 0; j < terms.Length; j++)
        {
            terms[j] = new BoostTerm
            {
                Shape = _features.Binnings[j].Kind == BinningKind.Nominal ? TermShape.Nominal : TermShape.Ordered,
                Dims = [_features.Binnings[j].BinCount],
                TrainCells = BagSample.Gather(_features.Bins[j], bag.TrainIndex),
                ValidationCells = BagSample.Gather(_features.Bins[j], bag.ValidationIndex),
                Monotone = _features.Monotone[j],
            };
        }
        var trainScore = Filled(bag.TrainIndex.Length, bag.InitialScore);
        var validationScore = Filled(bag.ValidationIndex.Length, bag.InitialScore);
        return Boost(b, terms, trainScore, validationScore, _options.SmoothingRounds, 0);
    }

    public double[][] BoostPairs(int b, double[][] mains, (int A, int B)[] pairs)
    {
        var bag = _bags[b];
        var terms = new BoostTerm[pairs.Length];
        for (int p = 0; p < pairs.Length; p++)
        {
            var (a, c) = pairs[p];
            int d1 = _features.PairBinnings[c].BinCount;
            terms[p] = new BoostTerm
            {
                Shape = TermShape.Pair,
                Dims = [_features.PairBinnings[a].BinCount, d1],
                TrainCells = PairCells(a, c, d1, bag.TrainIndex),
                ValidationCells = PairCells(a, c, d1, bag.ValidationIndex),
            };
        }
        var trainScore = Scores(bag.TrainIndex, bag.InitialScore, mains);
        var validationScore = Scores(bag.ValidationIndex, bag.InitialScore, mains);
        return Boost(b, terms, trainScore, validationScore, _options.InteractionSmoothingRounds, 2);
    }

    private double[][] Boost(int b, BoostTerm[] terms, float[] trainScore, float[] validationScore, int smoothing, int stage)
    {
        var booster = new StageBooster(terms, _bags[b], trainScore, validationScore, _loss, Settings(smoothing, _bags[b].ValidationIndex.Length),
            Random(b, stage), _cancellationToken,
            (round, metric) => _tracker.BagRound(b, round, metric));
        var result = booster.Run();
        Interlocked.Add(ref _passes, booster.Passes);
        Interlocked.Add(ref stage == 0 ? ref _mainPasses : ref _pairPasses, booster.Passes);
        (stage == 0 ? _mainRounds : _pairRounds)[b] = booster.Rounds;
        if (booster.StoppedBy == StageStop.RoundCap) Interlocked.Increment(ref _stagesAtCap);
        _tracker.BagDone(b, booster.Steps / Math.Max(1, terms.Length), booster.BestValidationLoss);
        return result;
    }

    /// <summary>Passes over training rows made by every stage so far, all bags (for benchmarks).</summary>
    public long Passes => Interlocked.Read(ref _passes);

    /// <summary>Rounds, stops and passes so far, with the given stage times (for FitDiagnostics).</summary>
    public FitDiagnostics Diagnostics(FitStageTimings timings, bool withPairs) => new()
    {
        Timings = timings,
        MainRounds = (int[])_mainRounds.Clone(),
        PairRounds = withPairs ? (int[])_pairRounds.Clone() : [],
        StagesAtRoundCap = _stagesAtCap,
        RoundCap = StageBooster.RoundCap(Settings(0, 0), _bags.Length == 0 ? 0 : _bags[0].TrainIndex.Length),
        MainPasses = Interlocked.Read(ref _mainPasses),
        PairPasses = Interlocked.Read(ref _pairPasses),
        RankedPairs = Interlocked.Read(ref _rankedPairs),
        RankingRowsPerBag = _rankingRows,
        BagTrainingRows = _bags.Length == 0 ? 0 : _bags[0].TrainIndex.Length,
    };

    public (int, int)[] CandidatePairs()
    {
        var list = new List<(int, int)>();
        for (int a = 0; a < _features.Count; a++)
        for (int c = a + 1; c < _features.Count; c++)
            if (_features.PairEligible[a] && _features.PairEligible[c]) list.Add((a, c));
        return list.ToArray();
    }

    /// <summary>FAST ranks of the candidate pairs on this bag's training residuals after the mains.</summary>
    public int[] RankPairs(int b, double[][] mains, (int A, int B)[] candidates)
    {
        var bag = _bags[b];
        int[] rows = bag.TrainIndex;
        float[] y = bag.TrainLabels, w = bag.TrainWeights;
        if (rows.Length > _options.InteractionDetectionMaxRows)
        {
            // A fixed random subsample keeps ranking cheap on very large cohorts.
            var pick = Enumerable.Range(0, rows.Length).ToArray();
            Random(b, 1).Shuffle(pick);
            Array.Sort(pick, 0, _options.InteractionDetectionMaxRows);
            var keep = pick.AsSpan(0, _options.InteractionDetectionMaxRows).ToArray();
            rows = keep.Select(i => bag.TrainIndex[i]).ToArray();
            y = keep.Select(i => bag.TrainLabels[i]).ToArray();
            w = w.Length == 0 ? [] : keep.Select(i => bag.TrainWeights[i]).ToArray();
        }
        _rankingRows = rows.Length;
        Interlocked.Add(ref _rankedPairs, candidates.Length);
        var score = Scores(rows, bag.InitialScore, mains);
        var g = new float[rows.Length];
        var h = new float[rows.Length];
        _loss.Gradients(score, y, w, g, h);
        var gradient = Array.ConvertAll(g, x => (double)x);
        var hessian = Array.ConvertAll(h, x => (double)x);

        var local = new ushort[_features.Count][];
        for (int j = 0; j < _features.Count; j++)
            if (_features.PairEligible[j]) local[j] = BagSample.Gather(_features.PairBins[j], rows);
        int maxCells = candidates.Length == 0 ? 1 : candidates.Max(p => _features.PairBinnings[p.A].BinCount * _features.PairBinnings[p.B].BinCount);
        var fast = new InteractionRanking(maxCells, _options.MinSamplesLeaf, _options.MinHessian);
        var strengths = new double[candidates.Length];
        for (int p = 0; p < candidates.Length; p++)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var (a, c) = candidates[p];
            strengths[p] = fast.Strength(local[a], _features.PairBinnings[a].BinCount, local[c],
                _features.PairBinnings[c].BinCount, gradient, hessian);
        }
        _tracker.BagDone(b, 0, double.NaN);
        return InteractionRanking.Ranks(strengths);
    }

    private ushort[] PairCells(int a, int c, int d1, int[] index)
    {
        var ba = _features.PairBins[a];
        var bc = _features.PairBins[c];
        var cells = new ushort[index.Length];
        for (int i = 0; i < index.Length; i++) cells[i] = (ushort)(ba[index[i]] * d1 + bc[index[i]]);
        return cells;
    }

    /// <summary>Each row's score from the mains, summed in double and stored as float for boosting.</summary>
    private float[] Scores(int[] index, double initial, double[][] mains)
    {
        var sum = new double[index.Length];
        Array.Fill(sum, initial);
        for (int j = 0; j < mains.Length; j++)
        {
            var bins = _features.Bins[j];
            var s = mains[j];
            for (int i = 0; i < index.Length; i++) sum[i] += s[bins[index[i]]];
        }
        return Array.ConvertAll(sum, x => (float)x);
    }

    private static float[] Filled(int n, double value)
    {
        var a = new float[n];
        Array.Fill(a, (float)value);
        return a;
    }
}
