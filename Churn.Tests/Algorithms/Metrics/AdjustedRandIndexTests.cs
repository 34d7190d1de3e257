using System.Text.Json;
using Churn.Algorithms.Metrics;

namespace Churn.Tests.Algorithms.Metrics;

[Trait("Kind", "Numeric")]
[Trait("Kind", "Golden")]
public class AdjustedRandIndexTests
{
    [Fact]
    public void Compute_GoldenPairs_MatchesSklearnAdjustedRandScore()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestPaths.Golden("kmeans_small.json")));
        var pairs = doc.RootElement.GetProperty("ari_pairs").EnumerateArray().ToArray();
        Assert.True(pairs.Length >= 10);
        foreach (var pair in pairs)
        {
            var a = pair.GetProperty("a").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            var b = pair.GetProperty("b").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            var expected = pair.GetProperty("ari").GetDouble();
            Assert.Equal(expected, AdjustedRandIndex.Compute(a, b), 1e-12);
        }
    }

    [Fact]
    public void Compute_PermutedLabels_One()
    {
        Assert.Equal(1.0, AdjustedRandIndex.Compute([0, 0, 1, 1, 2], [7, 7, 3, 3, 9]));
    }

    [Fact]
    public void Compute_Symmetric()
    {
        int[] a = [0, 0, 1, 1, 2, 2, 2, 0];
        int[] b = [1, 0, 1, 1, 2, 0, 2, 0];
        Assert.Equal(AdjustedRandIndex.Compute(a, b), AdjustedRandIndex.Compute(b, a), 15);
    }

    [Fact]
    public void Compute_DifferentLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => AdjustedRandIndex.Compute([0, 1], [0, 1, 1]));
    }
}
