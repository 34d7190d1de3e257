namespace Churn.Algorithms.Linear;

/// <summary>Two columns whose Pearson correlation has |r| at or above the threshold (First &lt; Second).</summary>
public sealed record CollinearPair(int First, int Second, double Correlation);

/// <summary>
/// A column that is nearly a linear combination of the other (non-constant) columns:
/// RSquared = R^2 of its least-squares regression on them, VarianceInflation = 1 / (1 - R^2).
/// </summary>
public sealed record LinearDependency(int Column, double RSquared, double VarianceInflation);

/// <summary>
/// Collinearity diagnostics on a design matrix. Pairs come from the Pearson correlation matrix R of the
/// non-constant columns; dependencies from R^2_j = 1 - 1 / (R^-1)_jj (the VIF identity), with R^-1 taken as
/// (R + 1e-10 I)^-1 so that an exact dependency gives R^2 ~ 1 - 1e-10 instead of a failed inverse.
/// Constant columns (zero variance) are listed by <see cref="ConstantColumns"/> and left out of both.
/// </summary>
public static class Collinearity
{
    private const double Ridge = 1e-10;

    /// <summary>All pairs with |r| &gt;= threshold, in (First, Second) order.</summary>
    public static IReadOnlyList<CollinearPair> Detect(Matrix<double> x, double threshold)
    {
        Guard.NotEmpty(x, nameof(x));
        return Compute(x.AsColumnMajorArray() ?? x.ToColumnMajorArray(), x.RowCount, x.ColumnCount).Pairs(threshold);
    }

    /// <summary>As <see cref="Detect(Matrix{double}, double)"/> on columns of equal length, read where they are (no matrix, no copy).</summary>
    public static IReadOnlyList<CollinearPair> Detect(IReadOnlyList<double[]> columns, double threshold)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var rows = columns.Count == 0 ? 0 : columns[0].Length;
        if (rows == 0)
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "columns is empty ({0} rows x {1} columns); at least one row and one column are needed.", rows, columns.Count), nameof(columns));
        if (columns.Any(c => c.Length != rows)) throw new ArgumentException("Every column must have the same length.", nameof(columns));
        return Compute(columns.Select(c => (ReadOnlyMemory<double>)c).ToArray(), rows).Pairs(threshold);
    }

    /// <summary>All columns whose R^2 on the others is &gt;= threshold, in column order.</summary>
    public static IReadOnlyList<LinearDependency> DetectDependencies(Matrix<double> x, double threshold)
    {
        Guard.NotEmpty(x, nameof(x));
        return Compute(x.AsColumnMajorArray() ?? x.ToColumnMajorArray(), x.RowCount, x.ColumnCount).Dependencies(threshold);
    }

    /// <summary>Columns with zero variance.</summary>
    public static IReadOnlyList<int> ConstantColumns(Matrix<double> x)
    {
        Guard.NotEmpty(x, nameof(x));
        return Compute(x.AsColumnMajorArray() ?? x.ToColumnMajorArray(), x.RowCount, x.ColumnCount).Constant;
    }

    /// <summary>Column-major input: column j is <c>x[j*rows .. (j+1)*rows)</c>.</summary>
    internal static Correlations Compute(double[] x, int rows, int columns) =>
        Compute(Enumerable.Range(0, columns).Select(j => (ReadOnlyMemory<double>)x.AsMemory(j * rows, rows)).ToArray(), rows);

    /// <summary>
    /// Column j is <c>x[j]</c> (each <paramref name="rows"/> long); the pairs are summed in <paramref name="groups"/>
    /// groups (default: one per core), which changes the speed, never the bits.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static Correlations Compute(ReadOnlyMemory<double>[] x, int rows, int? groups = null)
    {
        var columns = x.Length;
        var mean = new double[columns];
        var cross = new double[columns * columns];
        // Row blocks small enough that a block of every column stays in cache while all pairs are summed.
        var block = RowBlock(columns);
        // The pairs of rows of the triangle are dealt to one group per core; a group walks all the blocks and sums its pairs. Every
        // pair's sum runs over the same blocks in the same order however the pairs are dealt, so the
        // correlations are the same bits on one core or many.
        var pairs = columns * (columns + 1) / 2;
        var rowPairs = (columns + 1) / 2;
        var pairGroups = Math.Max(1, Math.Min(groups ?? (RowChunks.WorthParallel((long)rows * pairs) ? Environment.ProcessorCount : 1), rowPairs));
        new RowChunks(rows, -1).ForEachColumn(columns, j => mean[j] = ColumnKernels.Sum(x[j].Span) / rows);
        // One group runs here: a one-iteration Parallel.For still wakes a pool thread that then spins for work.
        if (pairGroups == 1) CrossProducts(x, mean, rows, block, 0, 1, cross);
        else Parallel.For(0, pairGroups, g => CrossProducts(x, mean, rows, block, g, pairGroups, cross));
        var constant = new List<int>();
        var varying = new List<int>();
        for (var j = 0; j < columns; j++)
        {
            // Zero variance up to rounding of the mean.
            var scale = Math.Max(1.0, Math.Abs(mean[j]));
            if (cross[j * columns + j] <= 1e-24 * rows * scale * scale) constant.Add(j);
            else varying.Add(j);
        }
        var m = varying.Count;
        var r = Matrix<double>.Build.Dense(m, m);
        for (var a = 0; a < m; a++)
            for (var b = a; b < m; b++)
            {
                var j = varying[a];
                var k = varying[b];
                var value = a == b ? 1.0
                    : Math.Clamp(cross[j * columns + k] / Math.Sqrt(cross[j * columns + j] * cross[k * columns + k]), -1.0, 1.0);
                r[a, b] = value;
                r[b, a] = value;
            }
        return new Correlations(varying, constant, r);
    }

    /// <summary>
    /// Centred cross products <c>cross[j * columns + k]</c> (k &gt;= j) of the rows of the triangle dealt to
    /// <paramref name="group"/> (every <paramref name="groups"/>-th pair of rows j, j + 1), block by block so that a
    /// block of every column stays in cache: the block's columns are centred once, then each 2 x 4 tile of entries is
    /// summed in registers (<see cref="HessianTiles.Tile{T}"/> with h = 1). Every entry gets, block by block, exactly
    /// the additions of <see cref="ColumnKernels.CentredDot"/> (a - mean, then the same fused multiply-adds in the same
    /// lanes), so the bits are those of one centred dot product per pair, however the pairs are dealt.
    /// </summary>
    private static void CrossProducts(ReadOnlyMemory<double>[] x, double[] mean, int rows, int block, int group, int groups, double[] cross)
    {
        if (Vector512.IsHardwareAccelerated) CrossProducts<OneVector512>(x, mean, rows, block, group, groups, cross);
        else CrossProducts<TwoVector256>(x, mean, rows, block, group, groups, cross);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void CrossProducts<T>(ReadOnlyMemory<double>[] x, double[] mean, int rows, int block, int group, int groups,
        double[] cross) where T : struct, IEightLanes<T>
    {
        var columns = x.Length;
        var centred = new double[block * columns];
        for (var start = 0; start < rows; start += block)
        {
            var length = Math.Min(block, rows - start);
            for (var j = 2 * group; j < columns; j++)
                ColumnKernels.Centre(x[j].Span.Slice(start, length), mean[j], centred.AsSpan(j * block, length));
            for (var a = 2 * group; a < columns; a += 2 * groups)
                for (var b = a; b < columns; b += 4)
                    HessianTiles.Tile<T>(centred, block, a, Math.Min(2, columns - a), centred, block, 0, b, Math.Min(4, columns - b),
                        length, cross, columns);
        }
    }

    /// <summary>Rows per block so that block x columns doubles take about 256 KB (at most 8192, at least 64 rows).</summary>
    internal static int RowBlock(int columns) => Math.Clamp(32768 / Math.Max(1, columns) / 8 * 8, 64, 8192);

    internal sealed class Correlations(List<int> varying, List<int> constant, Matrix<double> r)
    {
        public IReadOnlyList<int> Constant { get; } = constant;

        public IReadOnlyList<CollinearPair> Pairs(double threshold)
        {
            var pairs = new List<CollinearPair>();
            for (var a = 0; a < varying.Count; a++)
                for (var b = a + 1; b < varying.Count; b++)
                    if (Math.Abs(r[a, b]) >= threshold)
                        pairs.Add(new CollinearPair(varying[a], varying[b], r[a, b]));
            return pairs;
        }

        public IReadOnlyList<LinearDependency> Dependencies(double threshold)
        {
            var m = varying.Count;
            var list = new List<LinearDependency>();
            if (m < 2) return list;
            var factor = new double[m * m];
            for (var a = 0; a < m; a++)
                for (var b = 0; b < m; b++)
                    factor[a * m + b] = r[a, b] + (a == b ? Ridge : 0.0);
            if (!Cholesky.TryFactor(factor, m))
                throw new ArgumentException("The ridged correlation matrix of the columns is not positive definite; a column holds a non-finite value.");
            var inverseDiagonal = new double[m];
            Cholesky.InverseDiagonal(factor, m, inverseDiagonal);
            for (var a = 0; a < m; a++)
            {
                var vif = inverseDiagonal[a];
                var r2 = Math.Clamp(1.0 - 1.0 / vif, 0.0, 1.0);
                if (r2 >= threshold) list.Add(new LinearDependency(varying[a], r2, vif));
            }
            return list;
        }
    }

    internal static string Describe(CollinearPair pair) =>
        string.Format(CultureInfo.InvariantCulture,
            "Columns {0} and {1} are nearly collinear (Pearson r = {2:G6}); their coefficients are not separately identifiable. Drop one.",
            pair.First, pair.Second, pair.Correlation);

    internal static string Describe(LinearDependency dependency) =>
        string.Format(CultureInfo.InvariantCulture,
            "Column {0} is nearly a linear combination of the other columns (R^2 = {1:G6}, VIF = {2:G4}).",
            dependency.Column, dependency.RSquared, dependency.VarianceInflation);
}
