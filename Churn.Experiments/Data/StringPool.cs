namespace Churn.Experiments.Data;

/// <summary>
/// One string per distinct text: a column of a million "Yes"/"No" cells holds two strings, and a
/// lookup by span allocates nothing when the text was seen before. Past <see cref="MaxStrings"/>
/// distinct texts (an id column) new texts are returned unpooled, so memory stays bounded.
/// </summary>
internal sealed class StringPool
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public const int MaxStrings = 10_000;

    public string Get(ReadOnlySpan<char> text)
    {
        if (_lookup.TryGetValue(text, out var pooled)) return pooled;
        var created = text.ToString();
        if (_strings.Count < MaxStrings) _strings.Add(created, created);
        return created;
    }
}
