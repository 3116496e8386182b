using ClinicalGAM.Core.Modeling.MlNet;
using Microsoft.ML;

namespace ClinicalGAM.Core.Tests.MlNet;

public class MlNetCancellationTests
{
    [Fact]
    public void CancellationReleasesTheCallerWhileMlNetIsStillBusy()
    {
        using var stillTraining = new ManualResetEventSlim(false);
        using var cts = new CancellationTokenSource();
        bool finished = false;
        cts.CancelAfter(50);
        Assert.Throws<OperationCanceledException>(() => MlNetCancellation.Run(new MLContext(1), () =>
        {
            stillTraining.Wait(); // an uninterruptible ML.NET fit
            finished = true;
            return 1;
        }, cts.Token, "test"));
        Assert.False(finished);
        stillTraining.Set();
    }

    [Fact]
    public void FitErrorsArriveUnwrapped()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            MlNetCancellation.Run<int>(new MLContext(1), () => throw new InvalidOperationException("bad data"), default, "test"));
        Assert.Equal("bad data", e.Message);
    }

    [Fact]
    public void ResultIsReturned() => Assert.Equal(42, MlNetCancellation.Run(new MLContext(1), () => 42, default, "test"));
}
