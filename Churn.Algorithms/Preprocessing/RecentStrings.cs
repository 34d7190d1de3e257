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

    // The last two objects that missed the check below, looked at first: a Yes/No column never gets past
    // them, and an identity hash (a call into the runtime) costs more than two compares.
    private string? _first, _second;
    private T _firstValue = default!, _secondValue = default!;

    /// <summary><paramref name="compute"/>(<paramref name="value"/>), computed again only when the object is not held.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Get(string value, Func<string, T> compute)
    {
        if (ReferenceEquals(_first, value)) return _firstValue;
        if (ReferenceEquals(_second, value)) return _secondValue;
        return GetBySlot(value, compute);
    }

    private T GetBySlot(string value, Func<string, T> compute)
    {
        var slot = RuntimeHelpers.GetHashCode(value) & (Slots - 1);
        T result;
        if (ReferenceEquals(_keys[slot], value)) result = _values[slot];
        else
        {
            result = compute(value);
            _keys[slot] = value;
            _values[slot] = result;
        }
        (_second, _secondValue) = (_first, _firstValue);
        (_first, _firstValue) = (value, result);
        return result;
    }
}
