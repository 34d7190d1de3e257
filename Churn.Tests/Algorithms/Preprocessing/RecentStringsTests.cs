using Churn.Algorithms.Preprocessing;

namespace Churn.Tests.Algorithms.Preprocessing;

[Trait("Kind", "Numeric")]
public sealed class RecentStringsTests
{
    [Fact]
    public void Get_TwoObjectsAlternating_ComputesEachOnce()
    {
        var recent = new RecentStrings<int>();
        var calls = 0;
        Func<string, int> length = s => { calls++; return s.Length; };
        var (yes, no) = (new string("Yes"), new string("No"));
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(3, recent.Get(yes, length));
            Assert.Equal(2, recent.Get(no, length));
        }
        Assert.Equal(2, calls);
    }

    [Fact]
    public void Get_ManyObjectsAndEqualTextInOtherObjects_AlwaysTheComputedAnswer()
    {
        // Objects beyond the slots evict each other; equal text in a new object is computed again, by identity.
        var recent = new RecentStrings<string>();
        var objects = Enumerable.Range(0, 200).Select(i => new string(i % 7 == 0 ? "same" : "v" + i)).ToArray();
        var random = new Random(3);
        for (var i = 0; i < 20_000; i++)
        {
            var value = objects[random.Next(i % 3 == 0 ? 3 : objects.Length)];
            Assert.Same(value, recent.Get(value, s => s));
        }
    }
}
