namespace Churn.Algorithms.Preprocessing;

/// <summary>
/// What was last computed for a few recent string objects, found by reference. The cells of a loaded text
/// column share string objects (loaders pool them), so work per cell becomes work per distinct object. Slots
/// are picked by the object's identity hash; a miss only computes again, so an answer never depends on
/// which objects came first. Not thread-safe: one per loop.
/// </summary>
public sealed class RecentStrings<T>
{
    private const int Slots = 16;
    private readonly string?[] _keys = new string?[Slots];
    private readonly T[] _values = new T[Slots];

    /// <summary><paramref name="compute"/>(<paramref name="value"/>), computed again only when the object is not held.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Get(string value, Func<string, T> compute)
    {
        var slot = RuntimeHelpers.GetHashCode(value) & (Slots - 1);
        if (ReferenceEquals(_keys[slot], value)) return _values[slot];
        var result = compute(value);
        _keys[slot] = value;
        _values[slot] = result;
        return result;
    }
}
