using System.Numerics.Tensors;

namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>Settings of one boosting stage (mains or pairs) of one bag.</summary>
internal sealed record StageSettings(
    double LearningRate,
    int MinSamplesLeaf,
    double MinHessian,
    double CategorySmoothing,
    double NominalGainScale,
    int SmoothingRounds,
    double GreedyRatio,
    int MaxRounds,
    int EarlyStoppingRounds,
    double EarlyStoppingTolerance,
    double EarlyStoppingMinImprovement = 0,
    double MaxRoundsPerTrainingRow = double.PositiveInfinity);

/// <summary>Why a stage of one bag stopped boosting.</summary>
public enum StageStop { EarlyStopping, RoundCap }

/// <summary>
/// Boosts a set of terms on one bag, InterpretML style: cyclic smoothing rounds with random cuts, then repeated
/// "survey every term's gain, then take greedy steps on the highest-gain terms", stopping when the validation loss
/// has not improved for a window of rounds, and returning the best model seen. Single-threaded and deterministic;
/// bags run in parallel around it.
/// </summary>
internal sealed class StageBooster
{
    private readonly BoostTerm[] _terms;
    private readonly BagSample _bag;
    private readonly LossFunction _loss;
    private readonly StageSettings _settings;
    private readonly SplitMixRandom _rng;
    private readonly CancellationToken _cancellationToken;
    private readonly Action<int, double>? _onRound;

    // Per-row values in single precision (memory-bound passes); model cells and histogram sums in double.
    // Gradients are stored as interleaved (gradient, hessian) pairs, the histogram's layout. The training rows hold
    // the row state of the gradients (the score, or e^-score for log loss: see RowGradients.CarriesNegativeOdds); the
    // validation rows hold the same state (the score, or e^-score, whose loss needs no exponential and no score).
    private readonly float[] _rowState, _validationState, _gradientHessian;
    private readonly float[] _pendingFactors;
    private readonly int[][] _cellCounts;
    private readonly double[][] _model, _best;
    private readonly bool[] _changedSinceBest;
    private readonly HistogramLayout[] _histogramLayouts;
    private readonly double[] _histG, _histH, _update;
    private readonly TermUpdate _finder;
    private readonly GradientHistogram _histogram;
    private readonly double _validationWeight;
    private bool _gradientsStale = true;
    private int _pendingTerm = -1;
    private float[] _pendingUpdate, _rowUpdate;
    private ScoreStep _pendingStep;
    private const int Chunk = 2048;
    private readonly float[] _chunkPairs = new float[2 * Chunk];
    private readonly RowGradients _rowGradients;

    public StageBooster(BoostTerm[] terms, BagSample bag, float[] trainScore, float[] validationScore, LossFunction loss,
        StageSettings settings, SplitMixRandom rng, CancellationToken cancellationToken, Action<int, double>? onRound)
    {
        _terms = terms;
        _bag = bag;
        _loss = loss;
        _settings = settings;
        _rng = rng;
        _cancellationToken = cancellationToken;
        _onRound = onRound;
        // The caller's validation scores become this stage's validation state (not read afterwards either).
        _validationState = validationScore;
        _gradientHessian = new float[2 * trainScore.Length];
        _rowGradients = loss.Bind(bag.TrainLabels, bag.TrainWeights);
        // The caller's training scores become this stage's row state (the caller does not read them afterwards).
        _rowState = trainScore;
        _rowGradients.ToRowState(_rowState);
        int maxCells = terms.Max(t => t.CellCount);
        int maxAxis = terms.Max(t => t.Dims.Max());
        _histG = new double[maxCells];
        _histH = new double[maxCells];
        _update = new double[maxCells];
        _histogram = new GradientHistogram(maxCells);
        _pendingUpdate = new float[maxCells];
        _rowUpdate = new float[maxCells];
        _pendingFactors = _rowGradients.CarriesNegativeOdds ? new float[maxCells] : [];
        _rowGradients.ToRowState(_validationState);
        _finder = new TermUpdate(settings.LearningRate, settings.MinSamplesLeaf, settings.MinHessian,
            settings.CategorySmoothing, maxCells, maxAxis);
        _cellCounts = new int[terms.Length][];
        _histogramLayouts = new HistogramLayout[terms.Length];
        _model = new double[terms.Length][];
        _best = new double[terms.Length][];
        for (int t = 0; t < terms.Length; t++)
        {
            // Counting also checks every cell code against the term's size, which the histogram relies on.
            var counts = new int[terms[t].CellCount];
            foreach (ushort c in terms[t].TrainCells) counts[c]++;
            _cellCounts[t] = counts;
            _histogramLayouts[t] = GradientHistogram.LayoutFor(counts);
            _model[t] = new double[terms[t].CellCount];
            _best[t] = new double[terms[t].CellCount];
        }
        _changedSinceBest = new bool[terms.Length];
        _validationWeight = bag.ValidationWeights.Length == 0 ? bag.ValidationLabels.Length : bag.ValidationWeights.Sum();
    }

    /// <summary>Boosting steps applied (term updates), for reporting.</summary>
    public int Steps { get; private set; }
    /// <summary>Passes over the bag's training rows (one per term histogram), for benchmarks.</summary>
    public long Passes { get; private set; }
    public double BestValidationLoss { get; private set; } = double.PositiveInfinity;
    /// <summary>Rounds (steps / terms, smoothing included) when the stage stopped, and why.</summary>
    public int Rounds => Steps / Math.Max(1, _terms.Length);
    public StageStop StoppedBy { get; private set; } = StageStop.RoundCap;

    /// <summary>Most rounds for this bag: MaxRounds, capped by rows × MaxRoundsPerTrainingRow on small cohorts.</summary>
    internal static long RoundCap(StageSettings settings, int trainingRows)
    {
        double perRow = settings.MaxRoundsPerTrainingRow * Math.Max(1, trainingRows);
        long cap = double.IsFinite(perRow) ? (long)Math.Ceiling(perRow) : long.MaxValue;
        return Math.Max(1, Math.Min(settings.MaxRounds, cap));
    }

    /// <summary>Runs the stage and returns the best model's cell scores per term.</summary>
    public double[][] Run()
    {
        int nTerms = _terms.Length;
        bool validate = _bag.ValidationIndex.Length > 0 && _validationWeight > 0;
        long maxSteps = RoundCap(_settings, _bag.TrainIndex.Length) * nTerms;
        // The starting point (no change to these terms) is a candidate too: a stage that only fits noise, such as
        // pairs on a cohort without interactions, then leaves the model as it was.
        if (validate) BestValidationLoss = ValidationLoss();
        var stopper = new EarlyStopping(validate ? _settings.EarlyStoppingRounds * nTerms : 0, _settings.EarlyStoppingTolerance,
            validate ? _settings.EarlyStoppingMinImprovement * InterceptOnlyValidationLoss() : 0);

        // Smoothing: cyclic rounds with random cuts for every term (InterpretML fits with nominal_smoothing on);
        // progress every step, no early stopping (gains are noise here).
        for (int round = 0; round < _settings.SmoothingRounds && Steps < maxSteps; round++)
        {
            for (int t = 0; t < nTerms && Steps < maxSteps; t++)
            {
                Histogram(t);
                _finder.Compute(_terms[t], _histG.AsSpan(0, _terms[t].CellCount), _histH.AsSpan(0, _terms[t].CellCount),
                    _cellCounts[t], random: true, _rng, _update.AsSpan(0, _terms[t].CellCount), out var tree);
                double metric = Apply(t, _update, tree);
                TrackBest(metric);
            }
            _onRound?.Invoke(round + 1, BestValidationLoss);
        }

        int greedySteps = (int)Math.Ceiling(_settings.GreedyRatio * nTerms);
        var heap = new PriorityQueue<int, (double, int)>();
        var cached = new double[_update.Length];
        var cachedTree = PairTreeShape.None;
        int cycles = 0;
        while (Steps < maxSteps)
        {
            if (greedySteps <= 0)
            {
                // Plain cyclic boosting.
                for (int t = 0; t < nTerms && Steps < maxSteps; t++)
                {
                    Step(t, _update, out var tree);
                    double metric = Apply(t, _update, tree);
                    TrackBest(metric);
                    if (validate && stopper.ShouldStop(metric)) goto done;
                }
            }
            else
            {
                // Survey: every term's best step from the same scores; remember the best one to apply first.
                heap.Clear();
                int bestTerm = -1;
                double bestKey = double.PositiveInfinity;
                for (int t = 0; t < nTerms; t++)
                {
                    double key = -Step(t, _update, out var tree);
                    heap.Enqueue(t, (key, t));
                    if (key < bestKey || bestTerm < 0)
                    {
                        bestKey = key; bestTerm = t;
                        _update.AsSpan(0, _terms[t].CellCount).CopyTo(cached);
                        cachedTree = tree;
                    }
                }
                for (int k = 0; k < greedySteps && Steps < maxSteps; k++)
                {
                    int t = heap.Dequeue();
                    double[] update;
                    double key;
                    PairTreeShape tree;
                    if (k == 0 && t == bestTerm) { update = cached; key = bestKey; tree = cachedTree; }
                    else { key = -Step(t, _update, out tree); update = _update; }
                    heap.Enqueue(t, (key, t));
                    double metric = Apply(t, update, tree);
                    TrackBest(metric);
                    if (validate && stopper.ShouldStop(metric)) goto done;
                }
            }
            cycles++;
            _onRound?.Invoke(_settings.SmoothingRounds + cycles, BestValidationLoss);
        }
    done:
        if (Steps < maxSteps) StoppedBy = StageStop.EarlyStopping;
        // Without validation rows there is nothing to choose by: the last model is the model.
        return validate ? _best : _model;
    }

    /// <summary>The validation loss of the bag's intercept alone: the scale against which an improvement is negligible.</summary>
    private double InterceptOnlyValidationLoss()
    {
        var intercept = new float[_bag.ValidationLabels.Length];
        Array.Fill(intercept, (float)_bag.InitialScore);
        return _loss.LossSum(intercept, _bag.ValidationLabels, _bag.ValidationWeights) / _validationWeight;
    }

    /// <summary>Histogram + cut search for term t at the current scores; fills update, returns the (scaled) gain.</summary>
    private double Step(int t, double[] update, out PairTreeShape tree)
    {
        Histogram(t);
        var term = _terms[t];
        int cells = term.CellCount;
        double gain = _finder.Compute(term, _histG.AsSpan(0, cells), _histH.AsSpan(0, cells), _cellCounts[t],
            random: false, _rng, update.AsSpan(0, cells), out tree);
        return term.Shape == TermShape.Nominal ? gain * _settings.NominalGainScale : gain;
    }

    private void Histogram(int t)
    {
        var term = _terms[t];
        var histogram = _histogram;
        var cells = term.TrainCells;
        histogram.Clear(term.CellCount, _histogramLayouts[t]);
        Passes++;
        if (_pendingTerm >= 0)
        {
            // One pass: apply the last step to the training scores, compute gradients chunk by chunk in cache-sized
            // scratch (not stored: on large cohorts this pass is memory-bound), and fill this histogram.
            var pendingCells = _terms[_pendingTerm].TrainCells;
            var state = _rowState;
            var rowGradients = _rowGradients;
            for (int start = 0; start < cells.Length; start += Chunk)
            {
                int len = Math.Min(Chunk, cells.Length - start);
                _pendingStep.AddTo(state.AsSpan(start, len), pendingCells.AsSpan(start, len));
                rowGradients.Pairs(start, state.AsSpan(start, len), _chunkPairs);
                histogram.Add(cells.AsSpan(start, len), _chunkPairs);
            }
            _pendingTerm = -1;
            _gradientsStale = true;
        }
        else
        {
            if (_gradientsStale)
            {
                RefreshGradients(0, _rowState.Length);
                _gradientsStale = false;
            }
            histogram.Add(cells, _gradientHessian);
        }
        histogram.CopyTo(_histG.AsSpan(0, term.CellCount), _histH.AsSpan(0, term.CellCount));
    }

    private void RefreshGradients(int start, int length)
    {
        for (int from = start; from < start + length; from += Chunk)
        {
            int len = Math.Min(Chunk, start + length - from);
            _rowGradients.Pairs(from, _rowState.AsSpan(from, len), _gradientHessian.AsSpan(2 * from, 2 * len));
        }
    }

    /// <summary>Adds the update to the term and to every row's score; returns the mean validation loss.</summary>
    private double Apply(int t, double[] update, PairTreeShape tree)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var term = _terms[t];
        var model = _model[t];
        var rowUpdate = _rowUpdate;
        int cells = term.CellCount;
        TensorPrimitives.Add(model.AsSpan(0, cells), update.AsSpan(0, cells), model.AsSpan(0, cells));
        TensorPrimitives.ConvertTruncating<double, float>(update.AsSpan(0, cells), rowUpdate.AsSpan(0, cells));
        _changedSinceBest[t] = true;

        // The training scores take this step lazily, fused into the next histogram pass (which reads _pendingUpdate,
        // so the two buffers trade places instead of copying).
        (_pendingUpdate, _rowUpdate) = (rowUpdate, _pendingUpdate);
        _pendingTerm = t;
        var step = new ScoreStep();
        if (tree.IsTree) step.SetPairTree(rowUpdate, term.Dims[0], term.Dims[1], tree);
        else step.Set(rowUpdate, term.Dims);
        _pendingStep = _rowGradients.CarriesNegativeOdds ? step.AsFactors(_pendingFactors) : step;
        Steps++;

        if (_bag.ValidationIndex.Length == 0) return double.NaN;
        if (!_rowGradients.CarriesNegativeOdds)
        {
            _pendingStep.AddTo(_validationState, term.ValidationCells);
            return ValidationLoss();
        }
        // e^-score rows: the step and the loss in one pass, a cache-sized chunk at a time, with the same chunks and
        // sums as ValidationLoss so that the first and every later loss compare alike.
        var state = _validationState.AsSpan();
        var validationCells = term.ValidationCells.AsSpan();
        var labels = _bag.ValidationLabels.AsSpan();
        var weights = _bag.ValidationWeights.AsSpan();
        int width = VectorMath.Width;
        double sum = 0;
        for (int start = 0; start < state.Length; start += LogisticKernel.LossChunk)
        {
            int len = Math.Min(LogisticKernel.LossChunk, state.Length - start);
            var chunk = state.Slice(start, len);
            _pendingStep.AddTo(chunk, validationCells.Slice(start, len));
            sum += LogisticKernel.ChunkLossSum(chunk, labels.Slice(start, len), weights.IsEmpty ? weights : weights.Slice(start, len), width);
        }
        return sum / _validationWeight;
    }

    /// <summary>Mean validation loss at the current state (one formula for the whole stage, so that steps compare alike).</summary>
    private double ValidationLoss() => (_rowGradients.CarriesNegativeOdds
        ? LogisticKernel.LossSumFromNegativeOdds(_validationState, _bag.ValidationLabels, _bag.ValidationWeights)
        : _loss.LossSum(_validationState, _bag.ValidationLabels, _bag.ValidationWeights)) / _validationWeight;

    private void TrackBest(double metric)
    {
        if (!(metric < BestValidationLoss)) return;
        BestValidationLoss = metric;
        CommitBest();
    }

    private void CommitBest()
    {
        for (int t = 0; t < _terms.Length; t++)
        {
            if (!_changedSinceBest[t]) continue;
            _model[t].AsSpan().CopyTo(_best[t]);
            _changedSinceBest[t] = false;
        }
    }
}
