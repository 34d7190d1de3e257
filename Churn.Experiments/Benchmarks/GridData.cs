using Churn.Algorithms;

namespace Churn.Experiments.Benchmarks;

/// <summary>
/// The inputs of `churn bench grid`, derived reproducibly from the shipped raw rows: the usage columns are
/// every numeric, non-constant column of months 6-8 (and the monthless aon and *_vbc_3g) in header order,
/// month 9 and the identifiers left out; a blank is 0 (no usage that month); each column is standardised by
/// the mean and population SD of the source rows. Row i of a grid matrix is source row
/// SplitMix64(seed).NextInt(source rows), draw after draw, so the first n rows of a larger matrix are the
/// smaller one; the label is the case-study tag (no calls and no data in month 9) of that source row.
/// </summary>
public sealed class GridData
{
    private readonly double[][] _columns;
    private readonly double[] _churn;

    private GridData(string[] names, double[][] columns, double[] churn)
    {
        Names = names;
        _columns = columns;
        _churn = churn;
    }

    /// <summary>The usage columns in order; a grid with f features takes the first f.</summary>
    public IReadOnlyList<string> Names { get; }

    public int SourceRows => _churn.Length;

    public static GridData Read(string source)
    {
        var table = CsvTableReader.Read(source);
        var churn = ChurnTagging.Tag(table);
        var names = new List<string>();
        var columns = new List<double[]>();
        foreach (var column in table.Columns)
        {
            if (column is not NumericColumn numeric || column.Name is "mobile_number" or "circle_id") continue;
            if (TelecomSchema.MonthOf(column.Name) == TelecomSchema.ChurnMonth || column.Name == "sep_vbc_3g") continue;
            var values = numeric.Values.Select(v => double.IsNaN(v) ? 0.0 : v).ToArray();
            var mean = values.Average();
            var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
            if (!(sd > 0)) continue;
            names.Add(column.Name);
            columns.Add(values.Select(v => (v - mean) / sd).ToArray());
        }
        return new GridData([.. names], [.. columns], churn);
    }

    /// <summary>The first <paramref name="rows"/> resampled rows over the first <paramref name="features"/> columns, and their labels.</summary>
    public (Matrix<double> X, Vector<double> Y) Build(int rows, int features, ulong seed)
    {
        if (features > Names.Count)
            throw new UsageException($"the grid asks for {features} features but {Names.Count} usage columns qualify in the source.");
        var random = new SplitMix64(seed);
        var picks = new int[rows];
        for (var i = 0; i < rows; i++) picks[i] = random.NextInt(SourceRows);
        var x = Matrix<double>.Build.Dense(rows, features);
        var storage = x.AsColumnMajorArray();
        for (var j = 0; j < features; j++)
        {
            var column = _columns[j];
            for (var i = 0; i < rows; i++) storage[j * rows + i] = column[picks[i]];
        }
        var y = Vector<double>.Build.Dense(rows, i => _churn[picks[i]]);
        return (x, y);
    }

    /// <summary>The first k rows whose values differ from every row taken before: the grid's shared initial centres.</summary>
    public static double[][] DistinctRows(Matrix<double> x, int k)
    {
        var taken = new List<double[]>();
        for (var i = 0; i < x.RowCount && taken.Count < k; i++)
        {
            var row = x.Row(i).ToArray();
            if (!taken.Any(t => t.AsSpan().SequenceEqual(row))) taken.Add(row);
        }
        if (taken.Count < k) throw new UsageException($"only {taken.Count} distinct rows for k={k}.");
        return [.. taken];
    }

    /// <summary>Writes x (with y as a last column) row-major as little-endian float64: numpy's fromfile reads it back.</summary>
    public static void WriteBinary(string path, Matrix<double> x, Vector<double> y)
    {
        using var file = AtomicFile.Create(path, "--out");
        var width = x.ColumnCount + 1;
        var row = new double[width];
        var bytes = new byte[width * sizeof(double)];
        var storage = x.AsColumnMajorArray();
        var n = x.RowCount;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < x.ColumnCount; j++) row[j] = storage[j * n + i];
            row[^1] = y[i];
            for (var j = 0; j < width; j++) BitConverter.TryWriteBytes(bytes.AsSpan(j * sizeof(double)), row[j]);
            file.Stream.Write(bytes);
        }
        file.Commit();
    }
}
