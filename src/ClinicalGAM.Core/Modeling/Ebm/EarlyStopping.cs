namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>
/// InterpretML's stopping rule: stop when the best loss inside the last window of steps is no better (by a relative
/// tolerance) than the best loss before the window. The window minimum is kept with a monotone queue so each step is
/// O(1) even with many terms.
/// A second, absolute floor makes the rule fire on (nearly) separable validation rows: there the loss shrinks
/// geometrically towards zero, so every window improves on the one before by a constant share of a vanishing loss and
/// a purely relative tolerance never fires (InterpretML's flaw). The floor is a share of the starting (intercept-only)
/// loss, so "negligible" is judged against the loss the stage set out to reduce.
/// </summary>
internal sealed class EarlyStopping
{
    private readonly int _window;
    private readonly double _tolerance;
    private readonly double _minImprovement;
    private readonly double[] _values;
    private readonly long[] _stamps;
    private int _head, _count;
    private long _step;
    private double _minBefore = double.PositiveInfinity;
    private double _minAll = double.PositiveInfinity;
    private readonly Queue<double> _recent = new();

    /// <param name="window">Steps in the window (0 = never stop).</param>
    /// <param name="tolerance">Relative improvement, a share of the best loss, that counts as progress.</param>
    /// <param name="minImprovement">Absolute improvement below which a window never counts as progress (0 = none).</param>
    public EarlyStopping(int window, double tolerance, double minImprovement = 0)
    {
        _window = window;
        _tolerance = tolerance;
        _minImprovement = double.IsFinite(minImprovement) && minImprovement > 0 ? minImprovement : 0;
        _values = new double[Math.Max(1, window) + 1];
        _stamps = new long[Math.Max(1, window) + 1];
    }

    public bool ShouldStop(double loss)
    {
        if (_window <= 0) return false;
        double tolerance = Math.Min(Math.Abs(_minAll), Math.Abs(_minBefore)) * _tolerance;
        if (double.IsNaN(tolerance) || double.IsInfinity(tolerance)) tolerance = 0;
        tolerance = Math.Max(tolerance, _minImprovement);
        _minAll = Math.Min(_minAll, loss);

        // The value leaving the window joins "before".
        _recent.Enqueue(loss);
        if (_recent.Count > _window) _minBefore = Math.Min(_minBefore, _recent.Dequeue());

        // Monotone (increasing) deque of (step, value) for the window minimum.
        while (_count > 0 && _values[(_head + _count - 1) % _values.Length] >= loss) _count--;
        int tail = (_head + _count) % _values.Length;
        _values[tail] = loss;
        _stamps[tail] = _step;
        _count++;
        while (_stamps[_head] <= _step - _window) { _head = (_head + 1) % _values.Length; _count--; }
        _step++;

        return _minBefore - tolerance <= _values[_head];
    }
}
