using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Ebm;

namespace ClinicalGAM.Core.Tests.Modeling.Ebm;

/// <summary>Bags and boosting stages draw from separate random streams of the fit's seed; those must never coincide.</summary>
public class RandomStreamTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(-7)]
    public void Every_stream_of_a_seed_starts_differently(int seed)
    {
        // Streams in use: 1000 + bag for bag splits, bag * 8 + stage for boosting; check a generous range.
        var firstDraws = new HashSet<ulong>();
        for (int stream = 0; stream < 4096; stream++)
            Assert.True(firstDraws.Add(new SplitMixRandom(seed, stream).NextUInt64()), $"stream {stream} repeats another");
    }

    [Fact]
    public void The_same_seed_and_stream_give_the_same_sequence_and_another_seed_does_not()
    {
        var a = new SplitMixRandom(5, 1003);
        var b = new SplitMixRandom(5, 1003);
        var c = new SplitMixRandom(6, 1003);
        var sa = Enumerable.Range(0, 8).Select(_ => a.NextUInt64()).ToArray();
        Assert.Equal(sa, Enumerable.Range(0, 8).Select(_ => b.NextUInt64()).ToArray());
        Assert.NotEqual(sa, Enumerable.Range(0, 8).Select(_ => c.NextUInt64()).ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Fourteen_outer_bags_hold_out_fourteen_different_validation_sets(int seed)
    {
        var labels = Enumerable.Range(0, 300).Select(i => i % 3 == 0 ? 1.0 : 0.0).ToArray();
        var loss = LossFunction.For(Objective.LogLoss);
        var validationSets = new HashSet<string>();
        for (int bag = 0; bag < 14; bag++)
        {
            var sample = BagSample.Create(bag, seed, labels, [], 0.15, stratify: true, loss);
            Assert.Equal(45, sample.ValidationIndex.Length);
            validationSets.Add(string.Join(",", sample.ValidationIndex));
        }
        Assert.Equal(14, validationSets.Count);
    }
}
