namespace Churn.Experiments.Data;

/// <summary>
/// The UTF-8 bytes of a few recent non-missing cells of one text column and their category codes, for
/// <see cref="PlainCsvPart"/>: a text column repeats a handful of values ("No", "Yes", a state), so most of
/// its cells are found here by a byte compare, with no decoding, no missing-token check and no dictionary
/// lookup. The same bytes decode to the same text, which is missing or not and has one code, so a remembered
/// cell is added exactly as <see cref="ColumnBuilder.Add"/> would add it.
/// </summary>
internal sealed class RepeatedTextCells
{
    private const int Slots = 64;
    private const int MaxCellBytes = 32;
    private readonly byte[] _bytes = new byte[Slots * MaxCellBytes];
    private readonly int[] _lengths = new int[Slots]; // 0: empty slot (an empty cell is never remembered)
    private readonly int[] _codes = new int[Slots];

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)] // else a tier-0 call per text cell
    private static int Slot(ReadOnlySpan<byte> cell) => (cell.Length * 7 + cell[0] * 31 + cell[^1]) & (Slots - 1);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)] // into the loader's hot loop, never tier-0
    public bool TryGet(ReadOnlySpan<byte> cell, out int code)
    {
        code = 0;
        if (cell.IsEmpty || cell.Length > MaxCellBytes) return false;
        var slot = Slot(cell);
        if (_lengths[slot] != cell.Length || !cell.SequenceEqual(_bytes.AsSpan(slot * MaxCellBytes, cell.Length))) return false;
        code = _codes[slot];
        return true;
    }

    /// <summary>Remembers a non-missing cell and the code it was given (replacing the slot's previous cell).</summary>
    public void Remember(ReadOnlySpan<byte> cell, int code)
    {
        if (cell.IsEmpty || cell.Length > MaxCellBytes) return;
        var slot = Slot(cell);
        cell.CopyTo(_bytes.AsSpan(slot * MaxCellBytes));
        _lengths[slot] = cell.Length;
        _codes[slot] = code;
    }
}
