using ClinicalGAM.Core.Computing;
using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>
/// The fit's features binned once from the training rows: main-effect binning and bin codes, the coarser pair
/// binning (nominal/ordinal features share their main binning), monotone directions and pair eligibility.
/// Bin arrays are indexed by position in the training rows.
/// </summary>
internal sealed class EbmFeatures
{
    public required string[] Names { get; init; }
    public required FeatureBinning[] Binnings { get; init; }
    public required ushort[][] Bins { get; init; }
    public required FeatureBinning[] PairBinnings { get; init; }
    public required ushort[][] PairBins { get; init; }
    public required int[] Monotone { get; init; }
    public required bool[] PairEligible { get; init; }

    public int Count => Names.Length;

    // Above this many bins a nominal feature would make pair surfaces too large to boost quickly.
    private const int MaxPairAxis = 256;

    public static EbmFeatures Bin(CohortTable cohort, ModelSpecification spec, int[] rows, EbmOptions options,
        CancellationToken cancellationToken)
    {
        int f = spec.Features.Count;
        var binnings = new FeatureBinning[f];
        var bins = new ushort[f][];
        var pairBinnings = new FeatureBinning[f];
        var pairBins = new ushort[f][];
        var monotone = new int[f];
        var eligible = new bool[f];
        try
        {
            BinAll();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // Surface the first real problem (an ordinal level outside its order, a monotone nominal) as itself.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return new EbmFeatures
        {
            Names = spec.Features.ToArray(),
            Binnings = binnings,
            Bins = bins,
            PairBinnings = pairBinnings,
            PairBins = pairBins,
            Monotone = monotone,
            PairEligible = eligible,
        };

        void BinAll() => BoundedParallel.For(f, cancellationToken, maxThreads: spec.MaxThreads, body: j =>
        {
            string name = spec.Features[j];
            var column = cohort[name];
            spec.Ordinal.TryGetValue(name, out var order);
            binnings[j] = FeatureBinner.Create(column, rows, options.MaxBins, options.MinCategorySamples, order);
            bins[j] = FeatureBinner.BinRows(binnings[j], column, rows);
            if (binnings[j].Kind == BinningKind.Continuous && binnings[j].Cuts.Length + 1 > options.MaxInteractionBins)
            {
                pairBinnings[j] = FeatureBinner.Create(column, rows, options.MaxInteractionBins, options.MinCategorySamples);
                pairBins[j] = FeatureBinner.BinRows(pairBinnings[j], column, rows);
            }
            else
            {
                pairBinnings[j] = binnings[j];
                pairBins[j] = bins[j];
            }
            monotone[j] = spec.Monotone.TryGetValue(name, out int m) ? Math.Sign(m) : 0;
            if (monotone[j] != 0 && binnings[j].Kind == BinningKind.Nominal)
                throw new ArgumentException($"Feature '{name}' has no order, so it cannot be monotone; declare it ordinal first.");
            eligible[j] = monotone[j] == 0 && pairBinnings[j].BinCount <= MaxPairAxis;
        });
    }

    /// <summary>For each main-effect bin of feature j, the pair bin holding the same values.</summary>
    public int[] MainToPairBin(int j)
    {
        var main = Binnings[j];
        var pair = PairBinnings[j];
        var map = new int[main.BinCount];
        if (ReferenceEquals(main, pair))
        {
            for (int b = 0; b < map.Length; b++) map[b] = b;
            return map;
        }
        // Pair cuts are a subset of the main cuts, so a main bin's lower edge identifies its pair bin.
        map[0] = 0;
        for (int b = 1; b < map.Length; b++)
            map[b] = pair.BinOf(b == 1 ? double.NegativeInfinity : main.Cuts[b - 2]);
        return map;
    }
}
