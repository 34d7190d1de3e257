namespace Churn.Algorithms.Clustering;

/// <summary>
/// Each column's mean and population variance, summed in row order ((x_0 + x_1) + x_2 ..., then the squares of
/// x_i - mean the same way), four columns in one loop. One column's sum is a chain of dependent adds that waits
/// on the adder's latency at every row; four columns' chains side by side keep the adder busy, and each column
/// still adds its own values in its own order, so the bits are those of one column at a time.
/// </summary>
internal static class ColumnMoments
{
    private const int Group = 4;

    public static void Compute(Matrix<double> x, double[] means, double[] variances, Linear.RowChunks rows)
    {
        var n = x.RowCount;
        var d = x.ColumnCount;
        // Dense matrices expose their column-major storage: no copy of the column.
        var storage = x.AsColumnMajorArray();
        void Columns(int group)
        {
            var first = group * Group;
            var count = Math.Min(Group, d - first);
            if (storage is null)
            {
                for (var j = first; j < first + count; j++) One(x.Column(j).ToArray(), out means[j], out variances[j]);
                return;
            }
            // A last group of one to three columns repeats its last column in the free places (results dropped).
            ReadOnlySpan<double> Column(int t) => storage.AsSpan((first + Math.Min(t, count - 1)) * n, n);
            Span<double> m = stackalloc double[Group];
            Span<double> v = stackalloc double[Group];
            Four(Column(0), Column(1), Column(2), Column(3), m, v);
            m[..count].CopyTo(means.AsSpan(first, count));
            v[..count].CopyTo(variances.AsSpan(first, count));
        }
        rows.ForEachColumn((d + Group - 1) / Group, Columns);
    }

    /// <summary>One column alone (the reference arithmetic <see cref="Four"/> repeats per column).</summary>
    internal static void One(ReadOnlySpan<double> column, out double mean, out double variance)
    {
        var n = column.Length;
        var sum = 0.0;
        for (var i = 0; i < n; i++) sum += column[i];
        mean = sum / n;
        var squares = 0.0;
        for (var i = 0; i < n; i++)
        {
            var t = column[i] - mean;
            squares += t * t;
        }
        variance = squares / n;
    }

    /// <summary><see cref="One"/> on four columns of the same length in one loop per pass.</summary>
    internal static void Four(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, ReadOnlySpan<double> e,
        Span<double> means, Span<double> variances)
    {
        var n = a.Length;
        b = b[..n];
        c = c[..n];
        e = e[..n];
        double sa = 0, sb = 0, sc = 0, se = 0;
        for (var i = 0; i < n; i++)
        {
            sa += a[i];
            sb += b[i];
            sc += c[i];
            se += e[i];
        }
        double ma = sa / n, mb = sb / n, mc = sc / n, me = se / n;
        double qa = 0, qb = 0, qc = 0, qe = 0;
        for (var i = 0; i < n; i++)
        {
            var ta = a[i] - ma;
            var tb = b[i] - mb;
            var tc = c[i] - mc;
            var te = e[i] - me;
            qa += ta * ta;
            qb += tb * tb;
            qc += tc * tc;
            qe += te * te;
        }
        means[0] = ma;
        means[1] = mb;
        means[2] = mc;
        means[3] = me;
        variances[0] = qa / n;
        variances[1] = qb / n;
        variances[2] = qc / n;
        variances[3] = qe / n;
    }
}
