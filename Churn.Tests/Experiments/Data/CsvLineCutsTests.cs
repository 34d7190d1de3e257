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

    [Fact]
    public void IsPlain_NotUtf8_NotPlain()
    {
        Assert.False(CsvLineCuts.IsPlain([.. "a,b\nBasis-gr"u8, 0xFC, .. "n,1\n"u8])); // Latin-1
        Assert.False(CsvLineCuts.IsPlain([.. "a,b\n1,"u8, 0xE2, 0x82])); // a character cut at the end
        Assert.True(CsvLineCuts.IsPlain(Encoding.UTF8.GetBytes("a,b\n\u00fc,\u20ac\U0001F600\n")));
    }

    [Fact]
    public void Add_CharactersSplitAcrossBuffers_SameAsWhole()
    {
        var good = Encoding.UTF8.GetBytes("a,b\n\u00fc,\u20ac\n\U0001F600,x\n");
        byte[] bad = [.. "a,b\n"u8, 0xE2, 0x28, 0xA1, .. ",x\n"u8]; // a lead byte followed by a byte that does not continue it
        byte[] overlong = [.. "a,b\n"u8, 0xC0, 0xAF, .. "\n"u8];
        foreach (var (bytes, plain) in new[] { (good, true), (bad, false), (overlong, false) })
            for (var first = 0; first <= bytes.Length; first++)
                for (var second = first; second <= bytes.Length; second++)
                {
                    var cuts = new CsvLineCuts();
                    cuts.Add(bytes.AsSpan(0, first));
                    cuts.Add(bytes.AsSpan(first, second - first));
                    cuts.Add(bytes.AsSpan(second));
                    Assert.True(plain == cuts.Plain, $"cut at {first} and {second}");
                }
    }

    [Theory]
    [InlineData(4L << 20, 2L << 20, true)]
    [InlineData((4L << 20) - 1, 2L << 20, false)]
    [InlineData(2L << 20, 1L << 20, true)]
    public void WorthCutting_TwoPartsAtLeast(long bytes, long partBytes, bool worth) =>
        Assert.Equal(worth, CsvLineCuts.WorthCutting(bytes, partBytes));
}
