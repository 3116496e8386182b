namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>
/// Folds per-bag progress from parallel workers into one monotone fraction. A stage occupies a slice of [0, 1]; inside
/// it each bag counts equally and a running bag's share grows with its rounds (the final round count is unknown).
/// </summary>
internal sealed class FitProgressTracker
{
    private readonly IProgress<FitProgress>? _progress;
    private readonly int _bags;
    private readonly double[] _bagShare;
    private readonly object _gate = new();
    private string _stage = "";
    private double _from, _to, _reported;
    private readonly System.Diagnostics.Stopwatch _sinceReport = System.Diagnostics.Stopwatch.StartNew();
    private const int MinReportIntervalMs = 50;

    public FitProgressTracker(IProgress<FitProgress>? progress, int bags)
    {
        _progress = progress;
        _bags = bags;
        _bagShare = new double[bags];
    }

    public void BeginStage(string stage, double from, double to)
    {
        lock (_gate)
        {
            _stage = stage; _from = from; _to = to;
            Array.Clear(_bagShare);
        }
        Report(new FitProgress(stage, Math.Max(_reported, from), 0, _bags));
    }

    public void BagRound(int bag, int round, double validationLoss)
    {
        if (_progress is null) return;
        FitProgress p;
        lock (_gate)
        {
            _bagShare[bag] = Math.Max(_bagShare[bag], Math.Min(0.95, round / (round + 400.0)));
            // Small cohorts run thousands of rounds a second: a listener (a web page) needs a few reports a second.
            if (_sinceReport.ElapsedMilliseconds < MinReportIntervalMs) return;
            _sinceReport.Restart();
            p = new FitProgress(_stage, Fraction(), bag + 1, _bags, round, validationLoss);
        }
        Report(p);
    }

    public void BagDone(int bag, int rounds, double validationLoss)
    {
        FitProgress p;
        lock (_gate)
        {
            _bagShare[bag] = 1;
            p = new FitProgress(_stage, Fraction(), bag + 1, _bags, rounds, validationLoss);
        }
        Report(p);
    }

    public void Done() => Report(new FitProgress("Done", 1.0, _bags, _bags));

    private double Fraction() => _from + (_to - _from) * _bagShare.Sum() / Math.Max(1, _bags);

    private void Report(FitProgress p)
    {
        if (_progress is null) return;
        lock (_gate)
        {
            if (p.Fraction < _reported) p = p with { Fraction = _reported };
            _reported = p.Fraction;
            _progress.Report(p);
        }
    }
}
