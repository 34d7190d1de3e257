namespace Churn.Experiments.Modeling;

/// <summary>
/// Cluster centres in the columns' own units: the mean of each centre's rows' original values. It equals the
/// standardised centre mapped back (mean + scale * z), but mapping back loses digits when a column's spread dwarfs
/// its values: with one value of 1e17 among 1 to 6, the centre of {1, 2, 3, 4, 6} came out as 4, not 3.2.
/// `segment` reports them so from memory (<see cref="FromRows"/>) and from an engine's per-centre sums alike.
/// </summary>
public static class SegmentCentres
{
    /// <summary>From per-centre sums of the original values and row counts; an empty centre keeps its mapped-back value.</summary>
    public static Matrix<double> InOriginalUnits(double[][] sums, IReadOnlyList<long> counts, StandardScalerModel scaler, Matrix<double> standardised)
    {
        var centres = scaler.InverseTransform(standardised);
        for (var c = 0; c < centres.RowCount; c++)
            if (counts[c] > 0)
                for (var f = 0; f < centres.ColumnCount; f++) centres[c, f] = sums[c][f] / counts[c];
        return centres;
    }

    /// <summary>From the rows of <paramref name="x"/> (original units) and each row's centre.</summary>
    public static Matrix<double> FromRows(Matrix<double> x, IReadOnlyList<int> labels, StandardScalerModel scaler, Matrix<double> standardised)
    {
        var k = standardised.RowCount;
        var sums = Enumerable.Range(0, k).Select(_ => new double[x.ColumnCount]).ToArray();
        var counts = new long[k];
        for (var i = 0; i < x.RowCount; i++)
        {
            counts[labels[i]]++;
            for (var j = 0; j < x.ColumnCount; j++) sums[labels[i]][j] += x[i, j];
        }
        return InOriginalUnits(sums, counts, scaler, standardised);
    }
}
