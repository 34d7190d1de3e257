namespace Churn.Algorithms.Linear;

/// <summary>Allocation-free helpers over the solvers' parameter arrays.</summary>
internal static class Vectors
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    public static double MaxAbs(ReadOnlySpan<double> a)
    {
        var max = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var v = Math.Abs(a[i]);
            if (double.IsNaN(v)) return double.NaN;
            if (v > max) max = v;
        }
        return max;
    }

    public static bool AllFinite(ReadOnlySpan<double> a)
    {
        foreach (var v in a)
            if (!double.IsFinite(v)) return false;
        return true;
    }
}
