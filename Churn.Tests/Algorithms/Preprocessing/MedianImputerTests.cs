using Churn.Algorithms.Preprocessing;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Algorithms.Preprocessing;

[Trait("Kind", "Numeric")]
public sealed class MedianImputerTests
{
    private static readonly double Nan = double.NaN;

    [Fact]
    public void Fit_OddEvenAndAllMissingColumns_MediansLikeNumpy()
    {
        var x = Matrix<double>.Build.DenseOfArray(new[,]
        {
            { 3.0, 1.0, Nan },
            { Nan, 4.0, Nan },
            { 1.0, 2.0, Nan },
            { 2.0, 10.0, Nan },
        });
        var model = MedianImputer.Fit(x);
        Assert.Equal([2.0, 3.0, 0.0], model.Medians);
        Assert.Equal([1, 0, 4], model.MissingCounts);
        Assert.Equal([2], model.AllMissingColumns);
    }

    [Fact]
    public void Transform_Matrix_FillsOnlyNaNAndLeavesInputUntouched()
    {
        var x = Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, Nan }, { Nan, 5.0 }, { 3.0, 7.0 } });
        var model = MedianImputer.Fit(x);
        var filled = model.Transform(x);
        Assert.Equal(new[,] { { 1.0, 6.0 }, { 2.0, 5.0 }, { 3.0, 7.0 } }, filled.ToArray());
        Assert.True(double.IsNaN(x[1, 0]));
    }

    [Fact]
    public void Transform_Vector_UsesFittedMedians()
    {
        var model = MedianImputerModel.FromParameters([1.5, -2.0]);
        var row = model.Transform(Vector<double>.Build.DenseOfArray([Nan, 4.0]));
        Assert.Equal([1.5, 4.0], row.ToArray());
    }

    [Fact]
    public void Transform_WrongFeatureCount_ThrowsWithCounts()
    {
        var model = MedianImputerModel.FromParameters([1.0, 2.0]);
        var ex = Assert.Throws<ArgumentException>(() => model.Transform(Matrix<double>.Build.Dense(2, 3)));
        Assert.Contains("has 3 features, but the model expects 2", ex.Message);
    }

    [Fact]
    public void FromParameters_NonFiniteMedian_Throws() =>
        Assert.Throws<ArgumentException>(() => MedianImputerModel.FromParameters([1.0, double.NaN]));

    [Fact]
    public void Fit_NoRows_Throws() =>
        Assert.Throws<ArgumentException>(() => MedianImputer.Fit(Matrix<double>.Build.Dense(0, 2)));

    [Fact]
    public void Fit_Twice_SameMedians()
    {
        var x = Matrix<double>.Build.DenseOfArray(new[,] { { 5.0 }, { 1.0 }, { Nan }, { 3.0 } });
        Assert.Equal(MedianImputer.Fit(x).Medians, MedianImputer.Fit(x).Medians);
        Assert.Equal(5.0, x[0, 0]); // Fit does not sort the input in place
    }

    [Fact]
    public void Fit_RandomColumnsWithRepeats_SameMedianAsSorting()
    {
        var random = new Random(5);
        foreach (var n in new[] { 1, 2, 3, 10, 101, 1000, 5000 })
            for (var trial = 0; trial < 20; trial++)
            {
                var distinct = random.Next(1, 50);
                var values = Enumerable.Range(0, n).Select(_ => (double)random.Next(distinct) * (trial % 2 == 0 ? 1 : 0.25)).ToArray();
                if (trial % 5 == 0) Array.Sort(values);
                var sorted = values.Order().ToArray();
                var expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
                var model = MedianImputer.Fit(Matrix<double>.Build.DenseOfColumnArrays(values));
                Assert.Equal(expected, model.Medians[0]);
            }
    }

    [Fact]
    public void ColumnMedian_SharedScratch_SameMediansAndMissingAsFit()
    {
        var random = new Random(9);
        var columns = Enumerable.Range(0, 6).Select(c => Enumerable.Range(0, 1001)
            .Select(_ => c == 5 || random.Next(7) == 0 ? Nan : random.Next(40) * 0.5).ToArray()).ToArray();
        var model = MedianImputer.Fit(Matrix<double>.Build.DenseOfColumnArrays(columns));
        var scratch = new double[1001];
        for (var j = 0; j < columns.Length; j++)
        {
            var original = columns[j].ToArray();
            Assert.Equal(model.Medians[j], MedianImputer.ColumnMedian(columns[j], scratch, out var missing));
            Assert.Equal(model.MissingCounts[j], missing);
            Assert.Equal(original, columns[j]); // the column itself is not reordered
        }
        Assert.Equal(0.0, MedianImputer.ColumnMedian(columns[5], scratch, out _)); // all missing, as Fit
        Assert.Throws<ArgumentException>(() => MedianImputer.ColumnMedian(columns[0], new double[10], out _));
    }

    [Fact]
    public void ColumnMedian_LongColumns_SameBitsAsSortingWithMissingAndNegativeZero()
    {
        // Columns past the histogram threshold: wide and narrow ranges, negatives, repeats, blanks, even and
        // odd counts, middle ranks in two buckets, and -0 beside 0 (which takes the selection path).
        var random = new Random(11);
        var n = MedianImputer.RadixMinimum + 1;
        Func<int, double>[] kinds =
        [
            i => random.NextDouble() * 1e6 - 3e5,
            i => random.Next(5) * 0.5,
            i => i % 2 == 0 ? 1.0 : 2.0,
            i => Math.Exp(random.NextDouble() * 40 - 20) * (random.Next(2) == 0 ? -1 : 1),
            i => random.Next(3) == 0 ? -0.0 : random.Next(3) - 1.0,
        ];
        foreach (var length in new[] { n - 1, n, 3 * n + 2 })
            foreach (var kind in kinds)
                foreach (var blanks in new[] { 0, 9 })
                {
                    var column = Enumerable.Range(0, length).Select(i => blanks > 0 && i % blanks == 0 ? Nan : kind(i)).ToArray();
                    var present = column.Where(v => !double.IsNaN(v)).ToArray();
                    var scratch = new double[length];
                    var selected = MedianImputer.ColumnMedian(column, scratch, out var missing);
                    var plain = present.ToArray();
                    var expected = MedianImputer.Median(plain); // the selection path on the same values
                    Assert.Equal(length - present.Length, missing);
                    Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(selected));
                    var sorted = present.Order().ToArray();
                    var m = sorted.Length;
                    Assert.Equal(m % 2 == 1 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2.0, selected);
                }
    }
}
