using System.Globalization;
using System.Runtime.InteropServices;
using Churn.Algorithms;

namespace Churn.Tests.Algorithms;

[Trait("Kind", "Numeric")]
public class HugePageArraysTests
{
    private const string ThpMode = "/sys/kernel/mm/transparent_hugepage/enabled";

    [Fact]
    public void Allocate_LargeArray_IsZeroedAndItsMemoryIsMarkedForHugePages()
    {
        var array = HugePageArrays.Allocate<double>(8 << 20); // 64 MB
        Assert.Equal(8 << 20, array.Length);
        Assert.True(array.AsSpan().IndexOfAnyExcept(0.0) < 0);
        if (!OperatingSystem.IsLinux() || !File.Exists(ThpMode))
            return; // no transparent huge pages to ask for: the array is an ordinary one

        // The kernel marks an advised range "hg" in its VmFlags; the middle of the array lies in it.
        var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        try
        {
            var middle = (ulong)handle.AddrOfPinnedObject() + (ulong)array.Length * sizeof(double) / 2;
            Assert.Contains("hg", VmFlagsAt(middle));
        }
        finally
        {
            handle.Free();
        }
    }

    [Fact]
    public void Request_SmallArray_IsLeftAlone()
    {
        Assert.False(HugePageArrays.Request(new double[1000]));
    }

    /// <summary>The VmFlags of the mapping of this process that contains <paramref name="address"/> (/proc/self/smaps).</summary>
    private static string[] VmFlagsAt(ulong address)
    {
        var inside = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var dash = line.IndexOf('-');
            var space = line.IndexOf(' ');
            if (dash > 0 && space > dash && ulong.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var start)
                && ulong.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var end))
                inside = start <= address && address < end;
            else if (inside && line.StartsWith("VmFlags:", StringComparison.Ordinal))
                return line["VmFlags:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        throw new InvalidOperationException($"no mapping holds address {address:x}.");
    }
}
