using Churn.Algorithms.Linear;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Algorithms.Linear;

[Trait("Kind", "Numeric")]
public sealed class CollinearityTests
{
    [Fact]
    public void Detect_ScaledCopyAndNegatedCopy_ReportsBothPairsWithSign()
    {
        var (x, _) = RandomProblems.Create(51, 100, 3);
        var m = x.Append(Matrix<double>.Build.DenseOfColumnVectors(x.Column(0) * 3 + 1, -x.Column(2)));
        var pairs = Collinearity.Detect(m, 0.999);
        Assert.Equal(2, pairs.Count);
        Assert.Equal((0, 3), (pairs[0].First, pairs[0].Second));
        Assert.Equal(1.0, pairs[0].Correlation, 1e-12);
        Assert.Equal((2, 4), (pairs[1].First, pairs[1].Second));
        Assert.Equal(-1.0, pairs[1].Correlation, 1e-12);
    }

    [Fact]
    public void Detect_IndependentColumns_MatchesPearsonAndReportsNothing()
    {
        var (x, _) = RandomProblems.Create(52, 500, 4);
        Assert.Empty(Collinearity.Detect(x, 0.5));
        // Threshold 0 reports every pair with its Pearson r.
        var all = Collinearity.Detect(x, 1e-300);
        Assert.Equal(6, all.Count);
        var pair = all.Single(p => p.First == 1 && p.Second == 3);
        Assert.Equal(MathNet.Numerics.Statistics.Correlation.Pearson(x.Column(1), x.Column(3)), pair.Correlation, 1e-12);
    }

    [Theory]
    [InlineData(20_011, 7)]  // several row blocks, an odd column count (a last row of the triangle alone)
    [InlineData(3_003, 16)] // a group of four rows and three single rows after the last group of eight
    public void Compute_TiledCrossProducts_SameBitsAsOneCentredDotPerPairAndBlock(int rows, int features)
    {
        var (x, _) = RandomProblems.Create(55, rows, features);
        var columns = Enumerable.Range(0, features).Select(j => x.Column(j).ToArray()).ToArray();
        var mean = columns.Select(c => ColumnKernels.Sum(c) / rows).ToArray();
        var block = Collinearity.RowBlock(features);
        var cross = new double[features, features];
        for (var start = 0; start < rows; start += block)
        {
            var length = Math.Min(block, rows - start);
            for (var j = 0; j < features; j++)
                for (var k = j; k < features; k++)
                    cross[j, k] += ColumnKernels.CentredDot(columns[j].AsSpan(start, length), mean[j], columns[k].AsSpan(start, length), mean[k]);
        }
        var expected = new List<double>();
        for (var j = 0; j < features; j++)
            for (var k = j + 1; k < features; k++)
                expected.Add(Math.Clamp(cross[j, k] / Math.Sqrt(cross[j, j] * cross[k, k]), -1.0, 1.0));
        var memory = columns.Select(c => (ReadOnlyMemory<double>)c).ToArray();
        foreach (var groups in new[] { 1, 2 })
        {
            var actual = Collinearity.Compute(memory, rows, groups).Pairs(1e-300).Select(p => p.Correlation);
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void Compute_PairsDealtToAnyNumberOfGroups_GiveTheSameBits()
    {
        // Tall enough for several row blocks, so every pair's sum runs over many blocks.
        var (x, _) = RandomProblems.Create(54, 20_000, 7);
        var columns = Enumerable.Range(0, x.ColumnCount).Select(j => (ReadOnlyMemory<double>)x.Column(j).ToArray()).ToArray();
        double[] Correlations(int groups) =>
            Collinearity.Compute(columns, x.RowCount, groups).Pairs(1e-300).Select(p => p.Correlation).ToArray();
        var one = Correlations(1);
        Assert.Equal(21, one.Length);
        foreach (var groups in new[] { 2, 3, 5, 28, 100 })
            Assert.Equal(one.Select(BitConverter.DoubleToInt64Bits), Correlations(groups).Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(MathNet.Numerics.Statistics.Correlation.Pearson(x.Column(2), x.Column(5)),
            Collinearity.Compute(columns, x.RowCount, 3).Pairs(1e-300).Single(p => p.First == 2 && p.Second == 5).Correlation, 1e-12);
    }

    [Fact]
    public void DetectDependencies_SumOfTwoColumns_FoundThoughNoPairIsCollinear()
    {
        var (x, _) = RandomProblems.Create(53, 200, 3);
        var m = x.Append((x.Column(0) + x.Column(1)).ToColumnMatrix());
        Assert.Empty(Collinearity.Detect(m, 0.999));
        var dependencies = Collinearity.DetectDependencies(m, 0.999);
        Assert.Equal(new[] { 0, 1, 3 }, dependencies.Select(d => d.Column));
        Assert.All(dependencies, d => Assert.InRange(d.RSquared, 0.999, 1.0));
        Assert.DoesNotContain(dependencies, d => d.Column == 2);
    }

    [Fact]
    public void DetectDependencies_IndependentColumns_VifNearOne()
    {
        var (x, _) = RandomProblems.Create(54, 2000, 3);
        var dependencies = Collinearity.DetectDependencies(x, 1e-300);
        Assert.Equal(3, dependencies.Count);
        Assert.All(dependencies, d => Assert.InRange(d.VarianceInflation, 1.0, 1.05));
    }

    [Fact]
    public void ConstantColumns_ZeroVariance_ListedAndSkipped()
    {
        var (x, y) = RandomProblems.Create(55, 50, 2);
        var m = x.Append(Matrix<double>.Build.Dense(50, 1, 7.5));
        Assert.Equal(new[] { 2 }, Collinearity.ConstantColumns(m));
        Assert.Empty(Collinearity.Detect(m, 0.999));
        var model = new LogisticRegression(new LogisticRegressionOptions()).Fit(m, y);
        Assert.Contains(model.Warnings, w => w.Contains("Column 2 is constant", StringComparison.Ordinal));
    }

    [Fact]
    public void Detect_Columns_SamePairsAndBitsAsTheMatrix()
    {
        var (x, _) = RandomProblems.Create(53, 20_000, 4);
        var m = x.Append(Matrix<double>.Build.DenseOfColumnVectors(x.Column(1) * 0.5 - 2 + x.Column(3) * 1e-4, -x.Column(0)));
        var fromMatrix = Collinearity.Detect(m, 1e-300);
        var fromColumns = Collinearity.Detect(m.ToColumnArrays(), 1e-300);
        Assert.Equal(15, fromColumns.Count);
        Assert.Equal(fromMatrix.Select(p => (p.First, p.Second, BitConverter.DoubleToInt64Bits(p.Correlation))),
            fromColumns.Select(p => (p.First, p.Second, BitConverter.DoubleToInt64Bits(p.Correlation))));
        Assert.Throws<ArgumentException>(() => Collinearity.Detect([new double[3], new double[2]], 0.9));
        Assert.Throws<ArgumentException>(() => Collinearity.Detect(Array.Empty<double[]>(), 0.9));
    }
}
