namespace Churn.Algorithms.Clustering;

/// <summary>
/// A fitted k-means model. Centers are in the caller's feature space. Predict assigns each row to
/// the nearest centre by squared Euclidean distance (lowest centre index on ties), computed exactly as
/// in training (training rows are centred on the training means before comparing), so Predict on the
/// training rows reproduces Labels. Immutable.
/// </summary>
public sealed class KMeansModel
{
    private readonly double[] _centered; // k x d row-major, in the centred frame
    private readonly double[] _offset;   // training column means (zeros for FromCenters)
    private readonly int[] _labels;
    private readonly int[] _sizes;
    private readonly string[] _warnings;
    private readonly double[] _runInertias;

    internal KMeansModel(double[] centeredCenters, double[] offset, int featureCount, int[] labels, int[] clusterSizes,
        double inertia, int iterations, bool converged, string stopReason, string[] warnings, double[] runInertias,
        int bestRun, double absoluteTolerance)
    {
        _centered = centeredCenters;
        _offset = offset;
        FeatureCount = featureCount;
        NumberOfClusters = centeredCenters.Length / featureCount;
        _labels = labels;
        _sizes = clusterSizes;
        Inertia = inertia;
        Iterations = iterations;
        Converged = converged;
        StopReason = stopReason;
        _warnings = warnings;
        _runInertias = runInertias;
        BestRun = bestRun;
        AbsoluteTolerance = absoluteTolerance;
    }

    /// <summary>k x d centres (a fresh copy on every call).</summary>
    public Matrix<double> Centers
    {
        get
        {
            var d = FeatureCount;
            return Matrix<double>.Build.Dense(NumberOfClusters, d, (i, j) => _centered[i * d + j] + _offset[j]);
        }
    }

    /// <summary>Cluster of each training row (empty for a model built with FromCenters).</summary>
    public IReadOnlyList<int> Labels => Array.AsReadOnly(_labels);

    /// <summary>Sum over training rows of the squared distance to their centre (NaN for FromCenters).</summary>
    public double Inertia { get; }

    /// <summary>Lloyd iterations of the kept run (scikit-learn's n_iter_).</summary>
    public int Iterations { get; }

    public bool Converged { get; }
    public string StopReason { get; }

    /// <summary>Training rows per cluster (empty for FromCenters).</summary>
    public IReadOnlyList<int> ClusterSizes => Array.AsReadOnly(_sizes);

    public IReadOnlyList<string> Warnings => Array.AsReadOnly(_warnings);
    public int NumberOfClusters { get; }
    public int FeatureCount { get; }

    /// <summary>Final inertia of every run, in run order.</summary>
    public IReadOnlyList<double> RunInertias => Array.AsReadOnly(_runInertias);

    /// <summary>Index of the kept run in RunInertias.</summary>
    public int BestRun { get; }

    /// <summary>Tolerance × mean feature variance: the centre-shift threshold actually used.</summary>
    public double AbsoluteTolerance { get; }

    /// <summary>Rebuilds a model from centres only (e.g. loaded from a model file); training statistics are empty/NaN.</summary>
    public static KMeansModel FromCenters(Matrix<double> centers)
    {
        Guard.NotEmpty(centers, nameof(centers));
        Guard.AllFinite(centers, nameof(centers));
        var d = centers.ColumnCount;
        var values = centers.ToRowMajorArray();
        return new KMeansModel(values, new double[d], d, Array.Empty<int>(), Array.Empty<int>(), double.NaN, 0, true,
            "built from centers", Array.Empty<string>(), Array.Empty<double>(), 0, 0.0);
    }

    public int[] Predict(Matrix<double> x)
    {
        CheckInput(x);
        var rows = x.ToRowMajorArray();
        var d = FeatureCount;
        var result = new int[x.RowCount];
        var row = new double[d];
        for (var i = 0; i < result.Length; i++)
        {
            for (var f = 0; f < d; f++) row[f] = rows[i * d + f] - _offset[f];
            result[i] = LloydStep.Nearest(row, _centered, NumberOfClusters, out _);
        }
        return result;
    }

    public int Predict(Vector<double> row)
    {
        Guard.NotNull(row, nameof(row));
        Guard.FeatureCount(row.Count, FeatureCount, nameof(row));
        Guard.AllFinite(row, nameof(row));
        var centred = new double[FeatureCount];
        for (var f = 0; f < centred.Length; f++) centred[f] = row[f] - _offset[f];
        return LloydStep.Nearest(centred, _centered, NumberOfClusters, out _);
    }

    /// <summary>Inertia of x under this model: sum over rows of the squared distance to the nearest centre (positive, unlike scikit-learn's score).</summary>
    public double Score(Matrix<double> x)
    {
        CheckInput(x);
        var rows = x.ToRowMajorArray();
        var d = FeatureCount;
        var row = new double[d];
        var total = 0.0;
        for (var i = 0; i < x.RowCount; i++)
        {
            for (var f = 0; f < d; f++) row[f] = rows[i * d + f] - _offset[f];
            LloydStep.Nearest(row, _centered, NumberOfClusters, out var distance);
            total += distance;
        }
        return total;
    }

    private void CheckInput(Matrix<double> x)
    {
        Guard.NotEmpty(x, nameof(x));
        Guard.FeatureCount(x.ColumnCount, FeatureCount, nameof(x));
        Guard.AllFinite(x, nameof(x));
    }
}
