namespace Churn.Algorithms.Preprocessing;

/// <summary>
/// A B-spline basis on one variable, defined as scikit-learn's <c>SplineTransformer</c> with
/// <c>extrapolation="constant"</c> and <c>include_bias=True</c> defines it:
/// <list type="number">
/// <item>base knots b_0 &lt; ... &lt; b_{m-1}: quantiles of the training values at 0, 1/(m-1), ..., 1
/// (numpy's linear-interpolation percentile), or m equally spaced points from min to max;</item>
/// <item>the knot vector adds <c>degree</c> knots on each side, spaced like the first and last base
/// intervals: b_0 - d (b_1 - b_0), ..., b_0 - (b_1 - b_0), b, b_{m-1} + (b_{m-1} - b_{m-2}), ...;</item>
/// <item>there are m + degree - 1 basis functions (Cox-de Boor); inside [b_0, b_{m-1}] they are
/// non-negative and sum to 1; outside, each takes its value at the nearer boundary.</item>
/// </list>
/// Unlike scikit-learn, tied quantiles are merged (a repeated base knot would give a basis
/// function that is zero everywhere), and with fewer than 2 distinct quantiles the knots fall
/// back to equal spacing; <see cref="Fit"/> says which happened through <see cref="Placement"/>.
/// Immutable.
/// </summary>
public sealed class BSplineBasis
{
    private readonly double[] knots;

    private BSplineBasis(double[] knots, int degree, string placement)
    {
        this.knots = knots;
        Degree = degree;
        Placement = placement;
    }

    /// <summary>The full knot vector (base knots plus <see cref="Degree"/> on each side).</summary>
    public IReadOnlyList<double> Knots => Array.AsReadOnly(knots);

    public int Degree { get; }

    /// <summary>"quantile", "uniform" or "uniform (tied quantiles)": how the base knots were placed.</summary>
    public string Placement { get; }

    /// <summary>Number of basis functions.</summary>
    public int Count => knots.Length - Degree - 1;

    /// <summary>Left end of the base interval: values below it take the basis at this point.</summary>
    public double Lower => knots[Degree];

    /// <summary>Right end of the base interval.</summary>
    public double Upper => knots[^(Degree + 1)];

    /// <summary>Base knots placed on training <paramref name="values"/> (finite, at least 2 distinct).</summary>
    /// <remarks>quantile: true: knots at quantiles; false: equally spaced from min to max.</remarks>
    public static BSplineBasis Fit(ReadOnlySpan<double> values, int baseKnots, int degree, bool quantile)
    {
        Guard.AtLeast(baseKnots, 2, nameof(baseKnots));
        Guard.AtLeast(degree, 1, nameof(degree));
        var sorted = values.ToArray();
        foreach (var v in sorted)
            if (!double.IsFinite(v))
                throw new ArgumentException("values hold " + Guard.Describe(v) + "; impute first.", nameof(values));
        Array.Sort(sorted);
        if (sorted.Length == 0 || sorted[0] == sorted[^1])
            throw new ArgumentException("values need at least 2 distinct numbers for a spline basis.", nameof(values));
        var placement = quantile ? "quantile" : "uniform";
        var positions = new double[baseKnots];
        var ranks = Linspace(0, 1, baseKnots);
        var uniform = Linspace(sorted[0], sorted[^1], baseKnots);
        for (var k = 0; k < baseKnots; k++)
            positions[k] = quantile ? Percentile(sorted, ranks[k] * 100 / 100) : uniform[k];
        var distinct = positions.Distinct().ToArray();
        if (distinct.Length < positions.Length)
        {
            positions = distinct;
            if (positions.Length < 3)
            {
                placement = "uniform (tied quantiles)";
                positions = uniform;
            }
        }
        return new BSplineBasis(Extend(positions, degree), degree, placement);
    }

    /// <summary>Rebuilds a basis from its full knot vector (e.g. from a model file).</summary>
    public static BSplineBasis FromKnots(IReadOnlyList<double> fullKnots, int degree, string placement)
    {
        Guard.AtLeast(degree, 1, nameof(degree));
        if (fullKnots.Count < 2 * degree + 2)
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "a degree-{0} spline needs at least {1} knots, got {2}.", degree, 2 * degree + 2, fullKnots.Count), nameof(fullKnots));
        for (var k = 0; k < fullKnots.Count; k++)
        {
            if (!double.IsFinite(fullKnots[k]))
                throw new ArgumentException("knot " + k.ToString(CultureInfo.InvariantCulture) + " is " + Guard.Describe(fullKnots[k]) + ".", nameof(fullKnots));
            if (k > 0 && !(fullKnots[k] > fullKnots[k - 1]))
                throw new ArgumentException("knots must increase strictly; knot " + k.ToString(CultureInfo.InvariantCulture) + " does not.", nameof(fullKnots));
        }
        return new BSplineBasis(fullKnots.ToArray(), degree, placement);
    }

    /// <summary>
    /// Writes the <see cref="Count"/> basis values at <paramref name="x"/> into <paramref name="destination"/>
    /// (x outside the base interval is clamped to it; NaN is refused).
    /// </summary>
    public void Evaluate(double x, Span<double> destination)
    {
        if (destination.Length != Count)
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "destination has {0} entries, the basis has {1}.", destination.Length, Count), nameof(destination));
        if (double.IsNaN(x)) throw new ArgumentException("x is NaN; impute first.", nameof(x));
        destination.Clear();
        x = Math.Clamp(x, Lower, Upper);
        // Interval k with knots[k] <= x < knots[k+1]; the right end belongs to the last interval.
        var k = Degree;
        var last = knots.Length - Degree - 2;
        while (k < last && x >= knots[k + 1]) k++;
        Span<double> values = stackalloc double[Degree + 1];
        Span<double> left = stackalloc double[Degree + 1];
        Span<double> right = stackalloc double[Degree + 1];
        values[0] = 1;
        // Cox-de Boor, the triangular scheme (de Boor's BSPLVB): values of the Degree + 1 non-zero functions.
        for (var j = 1; j <= Degree; j++)
        {
            left[j] = x - knots[k + 1 - j];
            right[j] = knots[k + j] - x;
            var saved = 0.0;
            for (var r = 0; r < j; r++)
            {
                var term = values[r] / (right[r + 1] + left[j - r]);
                values[r] = saved + right[r + 1] * term;
                saved = left[j - r] * term;
            }
            values[j] = saved;
        }
        for (var r = 0; r <= Degree; r++) destination[k - Degree + r] = values[r];
    }

    /// <summary>numpy's default percentile (q in [0, 1]): linear interpolation, in numpy's two-sided lerp.</summary>
    private static double Percentile(double[] sorted, double q)
    {
        var h = q * (sorted.Length - 1);
        var lo = Math.Min((int)Math.Floor(h), sorted.Length - 1);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        var t = h - lo;
        var a = sorted[lo];
        var b = sorted[hi];
        var diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    /// <summary>numpy.linspace's arithmetic (start + i * step, the last point exactly stop), so knots match to the bit.</summary>
    private static double[] Linspace(double start, double stop, int count)
    {
        var result = new double[count];
        if (count == 1)
        {
            result[0] = start;
            return result;
        }
        var step = (stop - start) / (count - 1);
        for (var i = 0; i < count; i++) result[i] = i * step + start;
        result[^1] = stop;
        return result;
    }

    private static double[] Extend(double[] b, int degree)
    {
        var first = b[1] - b[0];
        var lastStep = b[^1] - b[^2];
        var below = Linspace(b[0] - degree * first, b[0] - first, degree);
        var above = Linspace(b[^1] + lastStep, b[^1] + degree * lastStep, degree);
        return [.. below, .. b, .. above];
    }
}
