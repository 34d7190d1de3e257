namespace Churn.Algorithms.Linear;

/// <summary>
/// The coordinate passes of one IRLS step, in glmnet's order: a pass over the strong set, then passes over
/// the active set until they settle, again until a strong-set pass settles. Every update is glmnet's; only
/// how the gradient x_k.r is kept differs. Strong-set passes run on the n working residuals (each update
/// fused with the next column's dot product). Active-set passes start there too and move to the a x a
/// weighted Gram of the active set (glmnet's covariance form) once the row passes of this step have cost
/// as much as forming it; the Gram is kept for the rest of the step (v is fixed within it). So a step that
/// settles in a pass or two never pays for a Gram, and a long one never pays more than about twice the cheaper form.
/// </summary>
internal sealed partial class ElasticNetSolver
{
    /// <summary>Above this many active columns the a x a Gram is never formed (memory); passes stay on the rows.</summary>
    private const int GramColumnLimit = 2048;

    /// <summary>
    /// One row pass visit (a dot product and a residual update, 2 n memory-bound multiply-adds) costs about as
    /// much as this many Gram entries (n register-blocked multiply-adds each): the exchange rate of the switch.
    /// </summary>
    private const double VisitsPerGramEntry = 0.25;

    private int[] gramColumns = [];
    private double[] bAtGram = [];

    /// <summary>
    /// Above this many bytes the strong columns do not stay in cache from one row pass to the next, so row
    /// passes are memory-bound: the strong set's Gram, formed in one cache-blocked pass, is cheaper.
    /// </summary>
    private const long CachedBytes = 24L << 20;

    /// <summary>The passes of one outer iteration over the strong set; false when the pass cap was reached.</summary>
    protected override bool CoordinatePasses(int[] set, double l1, double l2)
    {
        // Whatever the form, a strong set too wide for an s x s Gram stays on the rows.
        var strongGram = set.Length <= GramColumnLimit
                         && (options.Form == CoordinateForm.Gram || (options.Form == CoordinateForm.Auto && (long)n * set.Length * sizeof(double) > CachedBytes));
        if (strongGram) return StrongGramPasses(set, l1, l2);
        gramColumns = [];
        var rowVisits = 0.0;
        var first = true;
        while (true)
        {
            // The step's first pass also sums xv_k = sum_i v_i x_ik^2 of each column as it reads it.
            if (!RowPass(set, l1, l2, first, out var dlx)) return false;
            first = false;
            if (dlx < shr) return true;
            while (true)
            {
                var a = activeOrder.Count;
                var gramPays = a <= GramColumnLimit && (gramColumns.Length == a || rowVisits >= VisitsPerGramEntry * a * a / 2);
                if (options.Form == CoordinateForm.Auto && gramPays)
                {
                    if (!GramPasses(l1, l2)) return false;
                    break;
                }
                if (!RowPass(activeOrder, l1, l2, false, out dlx)) return false;
                rowVisits += a;
                if (dlx < shr) break;
            }
        }
    }

    /// <summary>
    /// One pass over <paramref name="columns"/> and the intercept on the working residual r (glmnet's naive form);
    /// with <paramref name="squares"/>, xv_k of each column is summed from the same reads, just before its update.
    /// </summary>
    private bool RowPass(IReadOnlyList<int> columns, double l1, double l2, bool squares, out double dlx)
    {
        passes++;
        dlx = 0;
        var pending = -1;
        var pendingStep = 0.0;
        var count = columns.Count;
        for (var t = 0; t < count; t++)
        {
            var k = columns[t];
            var gk = pending < 0 ? RowDot(k, squares) : StepThenDot(pendingStep, pending, k, squares);
            pending = -1;
            var old = b[k];
            var updated = Update(gk + xv[k] * old, xv[k], l1, l2);
            var d = updated - old;
            if (d == 0) continue;
            b[k] = updated;
            dlx = Math.Max(dlx, xv[k] * d * d);
            (pending, pendingStep) = (k, d);
            Activate(k);
        }
        if (pending >= 0)
            chunks.ForEach((start, length) => ResidualKernels.Step(r.AsSpan(start, length), pendingStep, v.AsSpan(start, length), x.AsSpan(pending * n + start, length)));
        var d0 = chunks.Sum((start, length) => ColumnKernels.Sum(r.AsSpan(start, length))) / vSum;
        if (d0 != 0)
        {
            b0 += d0;
            dlx = Math.Max(dlx, vSum * d0 * d0);
            chunks.ForEach((start, length) =>
            {
                for (var i = start; i < start + length; i++) r[i] -= d0 * v[i];
            });
        }
        return passes <= options.MaxPasses;
    }

    /// <summary>r -= d v x_step, then x_next.r (and with <paramref name="squares"/>, xv_next), in one pass over the rows.</summary>
    private double StepThenDot(double d, int step, int next, bool squares)
    {
        if (!squares)
            return chunks.Sum((start, length) => ResidualKernels.StepThenDot(r.AsSpan(start, length), d, v.AsSpan(start, length),
                x.AsSpan(step * n + start, length), x.AsSpan(next * n + start, length)));
        var (dot, xvNext) = chunks.SumPair((start, length) => (ResidualKernels.StepThenDotAndSquares(r.AsSpan(start, length), d,
            v.AsSpan(start, length), x.AsSpan(step * n + start, length), x.AsSpan(next * n + start, length), out var sq), sq));
        xv[next] = xvNext;
        return dot;
    }

    /// <summary>x_k.r with the chunks on parallel threads (and with <paramref name="squares"/>, xv_k from the same pass).</summary>
    private double RowDot(int k, bool squares)
    {
        if (!squares)
            return chunks.Sum((start, length) => ResidualKernels.Dot(r.AsSpan(start, length), x.AsSpan(k * n + start, length)));
        var (dot, xvk) = chunks.SumPair((start, length) =>
            (ResidualKernels.DotAndSquares(r.AsSpan(start, length), v.AsSpan(start, length), x.AsSpan(k * n + start, length), out var sq), sq));
        xv[k] = xvk;
        return dot;
    }

    /// <summary>
    /// Active-set passes until they settle, in Gram space: g_a = x_a.r is kept up to date through G (a x a)
    /// and xz_a = x_a.v instead of through the n residuals, which are brought up to date once at the end.
    /// </summary>
    private bool GramPasses(double l1, double l2)
    {
        var a = activeOrder.Count;
        if (gramColumns.Length != a)
        {
            gramColumns = activeOrder.ToArray();
            if (gramValues.Length < a * a) gramValues = new double[a * a];
            if (xz.Length < a) { xz = new double[a]; g = new double[a]; bAtGram = new double[a]; }
            gram.Compute(gramColumns, v, gramValues);
            chunks.ForEachColumn(a, t => xz[t] = ColumnDot(v, gramColumns[t]));
        }
        var columns = gramColumns;
        chunks.ForEachColumn(a, t => g[t] = ColumnDot(r, columns[t]));
        for (var t = 0; t < a; t++) bAtGram[t] = b[columns[t]];
        var b0AtGram = b0;
        var g0 = chunks.Sum((start, length) => ColumnKernels.Sum(r.AsSpan(start, length)));
        var ok = true;
        while (ok)
        {
            ok = GramPass(columns, null, null, ref g0, l1, l2, out var dlx);
            if (dlx < shr) break;
        }
        RefreshResidual(columns, b0AtGram);
        return ok;
    }

    /// <summary>r -= v (X_a (b_a - b_a at the Gram) + (b0 - b0 at the Gram)): the residual after the Gram passes.</summary>
    private void RefreshResidual(int[] columns, double b0AtGram)
    {
        var changes = columns.Select((k, t) => (Column: k, Change: b[k] - bAtGram[t])).Where(c => c.Change != 0).ToArray();
        var intercept = b0 - b0AtGram;
        chunks.ForEach((start, length) =>
        {
            var shift = new double[length];
            Array.Fill(shift, intercept);
            foreach (var (k, change) in changes) ColumnKernels.AddScaled(shift, change, x.AsSpan(k * n + start, length));
            for (var i = 0; i < length; i++) r[start + i] -= v[start + i] * shift[i];
        });
    }

    /// <summary>
    /// All the passes of the step in the space of the strong set's Gram (glmnet's covariance form): G, x_k.r
    /// and x_k.v come from one pass over the rows, and every update costs s instead of n.
    /// </summary>
    private bool StrongGramPasses(int[] set, double l1, double l2)
    {
        var s = set.Length;
        if (gramValues.Length < s * s) gramValues = new double[s * s];
        if (xz.Length < s) { xz = new double[s]; g = new double[s]; bAtGram = new double[s]; }
        var xr = g;
        gram.Compute(set, v, gramValues, r, xr, xz);
        for (var t = 0; t < s; t++) xv[set[t]] = gramValues[t * s + t];
        var g0 = chunks.Sum((start, length) => ColumnKernels.Sum(r.AsSpan(start, length)));
        return GramSpacePasses(set, g0, l1, l2);
    }
}
