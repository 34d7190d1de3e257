namespace Churn.Experiments.Data;

/// <summary>
/// A map from column names to values resolved once (a slot, a parsed-value accessor) for code that asks
/// by name millions of times, as the model does per row in <c>predict</c>. The model passes the same
/// name strings every row, so they are found by reference (no hashing of characters); an unseen string
/// is resolved by its text, then remembered (up to <see cref="MaxRemembered"/> strings).
/// </summary>
public sealed class NameLookup<T>
{
    private const int MaxRemembered = 4096;
    private readonly Dictionary<string, T> _byReference = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, T> _byText = new(StringComparer.Ordinal);
    private readonly Func<string, T> _resolve;

    public NameLookup(Func<string, T> resolve) => _resolve = resolve;

    public T this[string name]
    {
        get
        {
            if (_byReference.TryGetValue(name, out var value)) return value;
            if (!_byText.TryGetValue(name, out value))
            {
                value = _resolve(name);
                _byText[name] = value;
            }
            if (_byReference.Count < MaxRemembered) _byReference[name] = value;
            return value;
        }
    }

    /// <summary>Every name resolved so far, with its value.</summary>
    public IEnumerable<KeyValuePair<string, T>> Resolved => _byText;
}
