using System.Text;
using Churn.Experiments.Data;

namespace Churn.Tests.Experiments.Data;

/// <summary>The one rule for cutting a CSV at line ends, shared by the loader's halves and predict's pieces.</summary>
public sealed class CsvLineCutsTests
{
    [Theory]
    [InlineData("a,b\n1,2\n", true)]
    [InlineData("a,b\r\n1,2\r\n", true)]
    [InlineData("a,b\n\"1\",2\n", false)] // a quote: a line end may sit inside a field
    [InlineData("a,b\r1,2\r", false)]     // a bare CR ends a record without a '\n'
    [InlineData("a,b\r\n1,2\r", false)]
    public void IsPlain_Bytes_EveryLineEndEndsARecord(string text, bool plain) =>
        Assert.Equal(plain, CsvLineCuts.IsPlain(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void IsPlain_Utf16ByteOrderMark_NotPlain() =>
        Assert.False(CsvLineCuts.IsPlain(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("a,b\n")).ToArray()));

    [Fact]
    public void Add_CrlfSplitAcrossBuffers_SameAsWhole()
    {
        var bytes = Encoding.UTF8.GetBytes("a,b\r\n1,2\r\n3,4\r\n");
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var cuts = new CsvLineCuts();
            cuts.Add(bytes.AsSpan(0, cut));
            cuts.Add(bytes.AsSpan(cut));
            Assert.True(cuts.Plain, "cut at " + cut);
            Assert.Equal(3, cuts.CarriageReturns);
        }
    }

    [Theory]
    [InlineData(4L << 20, 2L << 20, true)]
    [InlineData((4L << 20) - 1, 2L << 20, false)]
    [InlineData(2L << 20, 1L << 20, true)]
    public void WorthCutting_TwoPartsAtLeast(long bytes, long partBytes, bool worth) =>
        Assert.Equal(worth, CsvLineCuts.WorthCutting(bytes, partBytes));
}
