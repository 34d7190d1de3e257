using System.Runtime.InteropServices;

namespace Churn.Algorithms;

/// <summary>
/// Large arrays under 2 MB transparent huge pages where Linux offers them on request (THP mode "madvise", the
/// Debian default), as numpy asks for every array of 4 MB or more. The first write to each page of a fresh array
/// is a fault in which the kernel zeroes that page; one fault per 2 MB costs several times less than 512 faults
/// of 4 KB (an 800 MB array: 0.27 s of faults in 4 KB pages, 0.04 s in 2 MB pages, a C test of mmap and
/// madvise on the 2-core machine of the README's tables, not committed). Used where a kernel's own copy of the data is that large (<see cref="Clustering.KMeansData"/>).
/// Only a hint to the kernel: an array's contents and every result are the same with or without it, and where
/// the request is refused or means nothing (another system, THP "never") the array is an ordinary one.
/// </summary>
public static class HugePageArrays
{
    /// <summary>Arrays below this size are left alone (numpy's threshold).</summary>
    public const long MinimumBytes = 4L << 20;

    private const long HugePage = 2L << 20;
    private const int MadviseHugePage = 14; // MADV_HUGEPAGE, linux/mman.h

    private static bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>A zeroed array of <paramref name="length"/> elements, huge pages requested under it (see the class summary).</summary>
    public static T[] Allocate<T>(int length) where T : unmanaged
    {
        var array = new T[length];
        Request(array);
        return array;
    }

    /// <summary>
    /// Asks for huge pages under the whole 2 MB pages of <paramref name="array"/>; true when the kernel took the
    /// request. Pages already written keep their size: call it on a fresh array, before its first writes.
    /// </summary>
    public static bool Request<T>(T[] array) where T : unmanaged
    {
        var bytes = (long)array.Length * Unsafe.SizeOf<T>(); // the size in the array, not the marshalled one
        if (_unavailable || bytes < MinimumBytes) return false;
        var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        try
        {
            var first = (long)handle.AddrOfPinnedObject();
            var start = (first + HugePage - 1) & ~(HugePage - 1);
            var end = (first + bytes) & ~(HugePage - 1);
            return end > start && Madvise((nint)start, (nuint)(end - start), MadviseHugePage) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
            return false;
        }
        finally
        {
            handle.Free();
        }
    }

    [DllImport("libc", EntryPoint = "madvise")]
    private static extern int Madvise(nint address, nuint length, int advice);
}
