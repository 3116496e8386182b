namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>
/// A small, explicitly specified random generator (SplitMix64) so that a seed gives the same model on every .NET
/// version and machine. One instance per bag: never shared across threads.
/// </summary>
internal sealed class SplitMixRandom
{
    private ulong _state;

    /// <summary>
    /// A generator for one (seed, stream) pair, e.g. one bag's train/validation split. Distinct streams of a seed get
    /// distinct, unrelated states: the seed and the stream each go through the SplitMix64 finaliser (a bijection)
    /// before they are combined, so no two streams of a seed can collide. (An earlier OR-based mix let streams that
    /// differ only in the bits of a constant collide: 14 bags shared 4 train/validation splits.)
    /// </summary>
    public SplitMixRandom(int seed, int stream)
    {
        ulong seedState = Finalise(unchecked((ulong)(uint)seed + 0x9E3779B97F4A7C15UL));
        _state = Finalise(seedState ^ unchecked((ulong)(uint)stream * 0xD1B54A32D192ED03UL + 0x632BE59BD9B4E019UL));
        NextUInt64();
    }

    /// <summary>The SplitMix64 output function: a bijection on 64-bit values that spreads every input bit.</summary>
    internal static ulong Finalise(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
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
