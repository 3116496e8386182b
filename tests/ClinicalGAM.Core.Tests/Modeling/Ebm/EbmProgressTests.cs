using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Ebm;

namespace ClinicalGAM.Core.Tests.Modeling.Ebm;

public class EbmProgressTests
{
    /// <summary>Collects reports synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class Recorder(Action<FitProgress>? onReport = null) : IProgress<FitProgress>
    {
        public List<FitProgress> Reports { get; } = new();
        public void Report(FitProgress value)
        {
            lock (Reports) Reports.Add(value);
            onReport?.Invoke(value);
        }
    }

    [Fact]
    public void Progress_reports_bags_rounds_and_validation_loss_and_ends_at_one()
    {
        var cohort = SimulatedCohort.Binary(1000, 2);
        var recorder = new Recorder();
        new EbmTrainer().Fit(cohort, SimulatedCohort.BinarySpec(2, 2), SimulatedCohort.AllRows(cohort), recorder);
        var reports = recorder.Reports;
        Assert.Equal(1.0, reports[^1].Fraction);
        for (int i = 1; i < reports.Count; i++) Assert.True(reports[i].Fraction >= reports[i - 1].Fraction);
        Assert.Contains(reports, r => r.Stage == "Main effects" && r.Round > 0 && double.IsFinite(r.ValidationLoss));
        Assert.Contains(reports, r => r.Stage == "Interactions" && r.Bag is >= 1 and <= 2);
        Assert.All(reports, r => Assert.InRange(r.Bag, 0, 2));
    }

    [Fact]
    public void Cancellation_stops_the_fit()
    {
        var cohort = SimulatedCohort.Binary(3000, 4);
        using var cts = new CancellationTokenSource();
        int reportsAfterCancel = 0;
        var recorder = new Recorder(r =>
        {
            if (cts.IsCancellationRequested) Interlocked.Increment(ref reportsAfterCancel);
            if (r.Round >= 10) cts.Cancel();
        });
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new EbmTrainer().Fit(cohort, SimulatedCohort.BinarySpec(4, 5), SimulatedCohort.AllRows(cohort), recorder, cts.Token));
        // Workers stop at their next step: at most a report or two per running bag slips through.
        Assert.True(reportsAfterCancel <= 8, $"{reportsAfterCancel} reports after cancellation");
        Assert.DoesNotContain(recorder.Reports, r => r.Stage == "Interactions");
    }
}
