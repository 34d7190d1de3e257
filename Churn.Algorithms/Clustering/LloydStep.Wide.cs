namespace Churn.Algorithms.Clustering;

/// <summary>The assignment of wide data (any width but 1-4 features, k &gt;= 4) sixteen rows at a time on AVX-512 (<see cref="LloydWorkspace.WideRows"/>).</summary>
internal static partial class LloydStep
{
    /// <summary>
    /// Rows [start, end) in groups of sixteen (blocks A-D of four), as the eight-row loop of AssignChunk does them but
    /// with blocks A|B and C|D as one Vector512 each, so one instruction does the work of two: every lane still does
    /// the scalar arithmetic of <see cref="SquaredDistance"/>, and the blocks' labels, sums and inertia are stored in
    /// block order, so the bits are those of the eight-row loop. Returns the first row not done.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int WideRows(ref Vector256<double> x0, ref double c0, ref Vector256<double> jv, int d, int k, int start, int end,
        double[] labels, ref Vector256<double> accRef, Span<int> count, bool sumsInStore, bool updateCenters, ref int changed,
        ref double inertia)
    {
        var i = start;
        for (; i + 16 <= end; i += 16)
        {
            ref var xa = ref Unsafe.Add(ref x0, (i >> 2) * d);
            ref var xb = ref Unsafe.Add(ref xa, d);
            ref var xc = ref Unsafe.Add(ref xb, d);
            ref var xd = ref Unsafe.Add(ref xc, d);
            var bestA = Vector256.Create(double.PositiveInfinity);
            var (bestB, bestC, bestD) = (bestA, bestA, bestA);
            var labelA = Vector256<double>.Zero;
            var (labelB, labelC, labelD) = (labelA, labelA, labelA);
            var j = 0;
            // centers has k * d elements and every offset below is below (j + 4) * d <= k * d.
            for (; j + 4 <= k; j += 4)
            {
                ref var c = ref Unsafe.Add(ref c0, j * d);
                Vector512<double> p0 = default, p1 = default, p2 = default, p3 = default;
                Vector512<double> q0 = default, q1 = default, q2 = default, q3 = default;
                WideTerms(ref xa, ref xb, ref xc, ref xd, ref c, d, 0, true, ref p0, ref p1, ref p2, ref p3, ref q0, ref q1, ref q2, ref q3);
                for (var f = 1; f < d; f++)
                    WideTerms(ref xa, ref xb, ref xc, ref xd, ref c, d, f, false, ref p0, ref p1, ref p2, ref p3, ref q0, ref q1, ref q2, ref q3);
                ref var jg = ref Unsafe.Add(ref jv, j);
                if (j == 0)
                {
                    // As the eight-row loop: centre 0 is taken as is.
                    (bestA, bestB, bestC, bestD) = (p0.GetLower(), p0.GetUpper(), q0.GetLower(), q0.GetUpper());
                }
                else
                {
                    Keep(p0.GetLower(), ref jg, ref bestA, ref labelA); Keep(p0.GetUpper(), ref jg, ref bestB, ref labelB);
                    Keep(q0.GetLower(), ref jg, ref bestC, ref labelC); Keep(q0.GetUpper(), ref jg, ref bestD, ref labelD);
                }
                ref var j1 = ref Unsafe.Add(ref jg, 1);
                Keep(p1.GetLower(), ref j1, ref bestA, ref labelA); Keep(p1.GetUpper(), ref j1, ref bestB, ref labelB);
                Keep(q1.GetLower(), ref j1, ref bestC, ref labelC); Keep(q1.GetUpper(), ref j1, ref bestD, ref labelD);
                ref var j2 = ref Unsafe.Add(ref jg, 2);
                Keep(p2.GetLower(), ref j2, ref bestA, ref labelA); Keep(p2.GetUpper(), ref j2, ref bestB, ref labelB);
                Keep(q2.GetLower(), ref j2, ref bestC, ref labelC); Keep(q2.GetUpper(), ref j2, ref bestD, ref labelD);
                ref var j3 = ref Unsafe.Add(ref jg, 3);
                Keep(p3.GetLower(), ref j3, ref bestA, ref labelA); Keep(p3.GetUpper(), ref j3, ref bestB, ref labelB);
                Keep(q3.GetLower(), ref j3, ref bestC, ref labelC); Keep(q3.GetUpper(), ref j3, ref bestD, ref labelD);
            }
            for (; j < k; j++)
            {
                ref var c = ref Unsafe.Add(ref c0, j * d);
                var w0 = Vector512.Create(c);
                var t = Vector512.Create(xa, xb) - w0;
                var p = t * t;
                t = Vector512.Create(xc, xd) - w0;
                var q = t * t;
                for (var f = 1; f < d; f++)
                {
                    var w = Vector512.Create(Unsafe.Add(ref c, f));
                    t = Vector512.Create(Unsafe.Add(ref xa, f), Unsafe.Add(ref xb, f)) - w; p += t * t;
                    t = Vector512.Create(Unsafe.Add(ref xc, f), Unsafe.Add(ref xd, f)) - w; q += t * t;
                }
                ref var jj = ref Unsafe.Add(ref jv, j);
                Keep(p.GetLower(), ref jj, ref bestA, ref labelA); Keep(p.GetUpper(), ref jj, ref bestB, ref labelB);
                Keep(q.GetLower(), ref jj, ref bestC, ref labelC); Keep(q.GetUpper(), ref jj, ref bestD, ref labelD);
            }
            changed += Store(labelA, labels, i, ref xa, d, k, ref accRef, count, sumsInStore);
            changed += Store(labelB, labels, i + 4, ref xb, d, k, ref accRef, count, sumsInStore);
            changed += Store(labelC, labels, i + 8, ref xc, d, k, ref accRef, count, sumsInStore);
            changed += Store(labelD, labels, i + 12, ref xd, d, k, ref accRef, count, sumsInStore);
            if (!updateCenters)
            {
                inertia = AddInOrder(inertia, bestA);
                inertia = AddInOrder(inertia, bestB);
                inertia = AddInOrder(inertia, bestC);
                inertia = AddInOrder(inertia, bestD);
            }
        }
        return i;
    }

    /// <summary>Feature f's squared differences of blocks A|B and C|D to centres c..c+3 (as <see cref="Terms"/>, sixteen rows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WideTerms(ref Vector256<double> xa, ref Vector256<double> xb, ref Vector256<double> xc, ref Vector256<double> xd,
        ref double c, int d, int f, bool first,
        ref Vector512<double> p0, ref Vector512<double> p1, ref Vector512<double> p2, ref Vector512<double> p3,
        ref Vector512<double> q0, ref Vector512<double> q1, ref Vector512<double> q2, ref Vector512<double> q3)
    {
        var ab = Vector512.Create(Unsafe.Add(ref xa, f), Unsafe.Add(ref xb, f));
        var cd = Vector512.Create(Unsafe.Add(ref xc, f), Unsafe.Add(ref xd, f));
        var w = Vector512.Create(Unsafe.Add(ref c, f));
        WideTerm(ab - w, ref p0, first); WideTerm(cd - w, ref q0, first);
        w = Vector512.Create(Unsafe.Add(ref c, d + f));
        WideTerm(ab - w, ref p1, first); WideTerm(cd - w, ref q1, first);
        w = Vector512.Create(Unsafe.Add(ref c, 2 * d + f));
        WideTerm(ab - w, ref p2, first); WideTerm(cd - w, ref q2, first);
        w = Vector512.Create(Unsafe.Add(ref c, 3 * d + f));
        WideTerm(ab - w, ref p3, first); WideTerm(cd - w, ref q3, first);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WideTerm(Vector512<double> t, ref Vector512<double> sum, bool first) => sum = first ? t * t : sum + t * t;
}
