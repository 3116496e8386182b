using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Core.Tests.Data;

public class CohortSplitTests
{
    private static double[] Labels(int n, int everyKth) => Enumerable.Range(0, n).Select(i => i % everyKth == 0 ? 1.0 : 0.0).ToArray();

    [Fact]
    public void Keeps_prevalence_in_both_parts_and_partitions_rows()
    {
        var labels = Labels(1000, 10);
        var split = CohortSplit.Stratified(labels, 0.2, seed: 3);
        Assert.Equal(200, split.Test.Length);
        Assert.Equal(20, split.Test.Count(i => labels[i] == 1));
        Assert.Equal(80, split.Train.Count(i => labels[i] == 1));
        Assert.Equal(Enumerable.Range(0, 1000), split.Train.Concat(split.Test).Order());
    }

    [Fact]
    public void Same_seed_same_split_and_other_seed_differs()
    {
        var labels = Labels(500, 7);
        Assert.Equal(CohortSplit.Stratified(labels, 0.3, 1).Test, CohortSplit.Stratified(labels, 0.3, 1).Test);
        Assert.NotEqual(CohortSplit.Stratified(labels, 0.3, 1).Test, CohortSplit.Stratified(labels, 0.3, 2).Test);
    }

    [Fact]
    public void Three_way_split_is_disjoint_and_stratified()
    {
        var labels = Labels(1000, 20);
        var split = CohortSplit.Stratified(labels, validationFraction: 0.1, testFraction: 0.2, seed: 9);
        Assert.Equal(100, split.Validation.Length);
        Assert.Equal(200, split.Test.Length);
        Assert.Equal(5, split.Validation.Count(i => labels[i] == 1));
        Assert.Empty(split.Train.Intersect(split.Test).Concat(split.Train.Intersect(split.Validation)).Concat(split.Test.Intersect(split.Validation)));
        Assert.Equal(1000, split.Train.Length + split.Validation.Length + split.Test.Length);
    }

    [Fact]
    public void Rows_without_a_label_are_left_out()
    {
        var labels = new[] { 0, double.NaN, 1, 0, 1, 0 };
        var split = CohortSplit.Stratified(labels, 0.5, 1);
        Assert.DoesNotContain(1, split.Train.Concat(split.Test));
    }
}
