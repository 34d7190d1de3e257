namespace Churn.Algorithms;

/// <summary>
/// SplitMix64 (Steele, Lea &amp; Flood 2014; constants as in Vigna's reference C code): a tiny,
/// portable pseudo-random generator whose output is fixed by this file alone, unlike
/// <see cref="System.Random"/> whose algorithm may change between runtimes. Not thread-safe:
/// give each parallel task its own instance, seeded from a master instance before the work starts.
/// </summary>
public sealed class SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>Next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform double in [0, 1) built from the top 53 bits: k * 2^-53, k in [0, 2^53).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>
    /// Uniform integer in [0, exclusiveMax) without modulo bias: draws below 2^64 mod exclusiveMax are
    /// rejected, so every residue is backed by the same number of accepted 64-bit values.
    /// </summary>
    public int NextInt(int exclusiveMax)
    {
        if (exclusiveMax <= 0)
            throw new ArgumentOutOfRangeException(nameof(exclusiveMax), exclusiveMax,
                $"exclusiveMax={exclusiveMax.ToString(System.Globalization.CultureInfo.InvariantCulture)} must be >= 1.");
        var bound = (ulong)exclusiveMax;
        var threshold = (0UL - bound) % bound;
        while (true)
        {
            var r = NextUInt64();
            if (r >= threshold)
                return (int)(r % bound);
        }
    }

    /// <summary>Fisher-Yates shuffle in place, from the last position down: swap i with NextInt(i + 1).</summary>
    public void Shuffle<T>(IList<T> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
