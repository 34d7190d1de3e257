using Churn.Algorithms;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Algorithms;

/// <summary>The input screens name the first bad cell however the work is split.</summary>
[Trait("Kind", "Numeric")]
public sealed class GuardTests
{
    [Theory]
    [InlineData(10, 4)]          // one thread
    [InlineData(400_000, 6)]     // a column per task on every core
    public void AllFinite_NamesTheFirstBadColumnInOrder(int rows, int columns)
    {
        var x = Matrix<double>.Build.Dense(rows, columns, (i, j) => i + j);
        x[rows - 1, columns - 1] = double.NaN; // a later column, scanned at the same time
        x[rows / 2, 2] = double.PositiveInfinity;
        x[rows / 3, 2] = double.NegativeInfinity;

        var ex = Assert.Throws<ArgumentException>(() => Guard.AllFinite(x, "X"));

        Assert.StartsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, "X row {0}, column 2 is", rows / 3), ex.Message);
        Assert.Contains("infinity", ex.Message, StringComparison.OrdinalIgnoreCase);
    }
}
