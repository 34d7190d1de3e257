using System.Buffers;

namespace Churn.Algorithms;

/// <summary>
/// A kernel's scratch span with a bounded stack cost: the caller's small stack buffer when the length fits
/// in it, else an array rented from the shared pool (returned on Dispose). Sizes such as k x d grow with the
/// data, so they must never be stack-allocated in full (a 1 MiB thread stack holds only 32768 Vector256).
/// The span's contents are unspecified: clear or overwrite it before reading. Kernels call Dispose at their
/// end rather than through `using`: a try/finally around a hot loop costs registers, and an exception only
/// leaves the rented array to the garbage collector.
/// </summary>
internal static class ScratchBuffer
{
    /// <summary>Longest stack buffer (elements) a kernel takes: at most 8 KiB each (Vector256).</summary>
    public const int StackLength = 256;

    /// <summary>
    /// Stack elements to allocate for a scratch of <paramref name="length"/>: all of it when it fits, else none
    /// (the pool serves it). Sized to the need because a stack buffer is zeroed on every call.
    /// </summary>
    public static int StackSize(int length) => length <= StackLength ? length : 0;
}

/// <inheritdoc cref="ScratchBuffer"/>
internal ref struct ScratchBuffer<T> where T : struct
{
    private T[]? _rented;

    public ScratchBuffer(int length, Span<T> stack)
    {
        if (length <= stack.Length)
        {
            Span = stack[..length];
        }
        else
        {
            _rented = ArrayPool<T>.Shared.Rent(length);
            Span = _rented.AsSpan(0, length);
        }
    }

    public Span<T> Span { get; }

    public void Dispose()
    {
        if (_rented is null) return;
        ArrayPool<T>.Shared.Return(_rented);
        _rented = null;
    }
}
