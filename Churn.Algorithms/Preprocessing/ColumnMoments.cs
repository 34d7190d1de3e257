using Churn.Algorithms.Linear;

namespace Churn.Algorithms.Preprocessing;

/// <summary>
/// Each column's mean, then the sums of t = x_i - mean and of t^2, all summed in row order ((x_0 + x_1) + x_2 ...),
/// four columns in one loop: what the standard scaler (scikit-learn's two-pass variance with its compensation term)
/// and KMeans (the population variance of its tolerance) are computed from. One column's sum is a chain of dependent
/// adds that waits on the adder's latency at every row; four columns' chains side by side keep the adder busy, and
/// each column still adds its own values in its own order, so the bits are those of one column at a time.
/// </summary>
internal static class ColumnMoments
{
    private const int Group = 4;

    /// <summary>Means, sums of squared deviations and sums of deviations of every column, four columns per task.</summary>
    public static void Compute(Matrix<double> x, double[] means, double[] squares, double[] deviations, RowChunks rows)
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
                for (var j = first; j < first + count; j++) One(x.Column(j).ToArray(), out means[j], out squares[j], out deviations[j]);
                return;
            }
            // A last group of one to three columns repeats its last column in the free places (results dropped).
            ReadOnlySpan<double> Column(int t) => storage.AsSpan((first + Math.Min(t, count - 1)) * n, n);
            Span<double> m = stackalloc double[Group];
            Span<double> q = stackalloc double[Group];
            Span<double> t = stackalloc double[Group];
            Four(Column(0), Column(1), Column(2), Column(3), m, q, t);
            m[..count].CopyTo(means.AsSpan(first, count));
            q[..count].CopyTo(squares.AsSpan(first, count));
            t[..count].CopyTo(deviations.AsSpan(first, count));
        }
        rows.ForEachColumn((d + Group - 1) / Group, Columns, columnsEach: Group); // on all cores from as many cells as one column per task
    }

    /// <summary>One column alone (the reference arithmetic <see cref="Four"/> repeats per column).</summary>
    internal static void One(ReadOnlySpan<double> column, out double mean, out double squares, out double deviations)
    {
        var n = column.Length;
        var sum = 0.0;
        for (var i = 0; i < n; i++) sum += column[i];
        mean = sum / n;
        squares = 0.0;
        deviations = 0.0;
        for (var i = 0; i < n; i++)
        {
            var t = column[i] - mean;
            deviations += t;
            squares += t * t;
        }
    }

    /// <summary><see cref="One"/> on four columns of the same length in one loop per pass.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Four(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, ReadOnlySpan<double> e,
        Span<double> means, Span<double> squares, Span<double> deviations)
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
        double da = 0, db = 0, dc = 0, de = 0;
        for (var i = 0; i < n; i++)
        {
            var ta = a[i] - ma;
            var tb = b[i] - mb;
            var tc = c[i] - mc;
            var te = e[i] - me;
            da += ta;
            db += tb;
            dc += tc;
            de += te;
            qa += ta * ta;
            qb += tb * tb;
            qc += tc * tc;
            qe += te * te;
        }
        (means[0], means[1], means[2], means[3]) = (ma, mb, mc, me);
        (squares[0], squares[1], squares[2], squares[3]) = (qa, qb, qc, qe);
        (deviations[0], deviations[1], deviations[2], deviations[3]) = (da, db, dc, de);
    }
}
