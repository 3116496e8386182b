namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>
/// A small, explicitly specified random generator (SplitMix64) so that a seed gives the same model on every .NET
/// version and machine. One instance per bag: never shared across threads.
/// </summary>
internal sealed class SplitMixRandom
{
    private ulong _state;

    public SplitMixRandom(int seed, int stream)
    {
        _state = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ ((ulong)(uint)stream << 32 | 0x5DEECE66DUL));
        NextUInt64();
    }

    public ulong NextUInt64()
    {
        ulong z = unchecked(_state += 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [0, maxExclusive).</summary>
    public int Next(int maxExclusive) => maxExclusive <= 1 ? 0 : (int)(NextUInt64() % (ulong)maxExclusive);

    public void Shuffle(Span<int> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
