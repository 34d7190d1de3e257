using System.Text.Json;
using Churn.Algorithms;
using Churn.Algorithms.Clustering;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Algorithms.Clustering;

[Trait("Kind", "Numeric")]
[Trait("Kind", "Golden")]
public class KMeansTests
{
    private static Matrix<double> RandomMatrix(int rows, int columns, ulong seed, double spread = 1.0)
    {
        var rng = new SplitMix64(seed);
        return Matrix<double>.Build.Dense(rows, columns, (_, _) => spread * (rng.NextDouble() - 0.5));
    }

    /// <summary>Blobs: row i belongs to blob i % blobs, centred at (5 * blob, -3 * blob, ...).</summary>
    private static Matrix<double> Blobs(int rows, int columns, int blobs, ulong seed)
    {
        var rng = new SplitMix64(seed);
        return Matrix<double>.Build.Dense(rows, columns, (i, j) => (i % blobs) * (j % 2 == 0 ? 5.0 : -3.0) + rng.NextDouble() - 0.5);
    }

    /// <summary>Lowest inertia over every assignment of rows to k non-empty clusters.</summary>
    private static double ExhaustiveBestInertia(Matrix<double> x, int k)
    {
        var n = x.RowCount;
        var labels = new int[n];
        var best = double.PositiveInfinity;
        var total = (int)Math.Pow(k, n);
        for (var code = 0; code < total; code++)
        {
            var c = code;
            for (var i = 0; i < n; i++) { labels[i] = c % k; c /= k; }
            var inertia = 0.0;
            var allUsed = true;
            for (var j = 0; j < k && allUsed; j++)
            {
                var members = Enumerable.Range(0, n).Where(i => labels[i] == j).ToArray();
                if (members.Length == 0) { allUsed = false; break; }
                for (var f = 0; f < x.ColumnCount; f++)
                {
                    var mean = members.Average(i => x[i, f]);
                    inertia += members.Sum(i => (x[i, f] - mean) * (x[i, f] - mean));
                }
            }
            if (allUsed && inertia < best) best = inertia;
        }
        return best;
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Fit_TinyRandomSets_ReachesExhaustiveOptimum(int k)
    {
        for (ulong set = 1; set <= 12; set++)
        {
            var n = 5 + (int)(set % 4); // 5..8 rows
            var x = RandomMatrix(n, 2, 1000 * set + (ulong)k, spread: 10);
            var optimum = ExhaustiveBestInertia(x, k);
            var model = new KMeans(new KMeansOptions { NumberOfClusters = k, NInit = 10, Seed = (int)set }).Fit(x);
            Assert.True(model.Inertia <= optimum * (1 + 1e-9) + 1e-12,
                $"set {set} (n={n}, k={k}): ours {model.Inertia:R}, optimum {optimum:R}");
        }
    }

    [Fact]
    public void Fit_Twice_IdenticalModels()
    {
        var x = Blobs(3000, 3, 4, 9);
        var kmeans = new KMeans(new KMeansOptions { NumberOfClusters = 4, NInit = 3, Seed = 1 });
        var a = kmeans.Fit(x);
        var b = kmeans.Fit(x);
        Assert.Equal(a.Centers, b.Centers);
        Assert.Equal(a.Labels, b.Labels);
        Assert.Equal(a.Inertia, b.Inertia);
        Assert.Equal(a.Iterations, b.Iterations);
        Assert.Equal(a.StopReason, b.StopReason);
    }

    [Fact]
    public void Fit_FourHundredClustersTwoHundredFeaturesOnOneMiBStack_Completes()
    {
        // k x d = 80,000 centre values: about 5 MiB as Vector256 scratch, which must not go on the stack.
        var x = RandomMatrix(1_000, 200, 91);
        KMeansModel? model = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                model = new KMeans(new KMeansOptions
                {
                    NumberOfClusters = 400, NInit = 1, MaxIterations = 2, Seed = 5, MaxDegreeOfParallelism = 1,
                }).Fit(x);
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, maxStackSize: 1 << 20);
        thread.Start();
        thread.Join();
        Assert.Null(failure);
        Assert.NotNull(model);
        Assert.Equal(400, model.Centers.RowCount);
        Assert.Equal(200, model.Centers.ColumnCount);
        Assert.True(double.IsFinite(model.Inertia) && model.Inertia > 0);
    }

    [Theory]
    [InlineData(4, 3, 5, 10_003)] // runs in parallel
    [InlineData(1, 3, 5, 80_003)] // row chunks in parallel inside the single run (above KMeans.ParallelWork)
    [InlineData(1, 20, 16, 10_003)] // the any-width kernel, four centres at a time
    [InlineData(3, 21, 7, 10_003)]
    [InlineData(1, 20, 4, 60_003)] // rows x features above RowChunks' threshold: column moments and the centred copy on both cores
    public void Fit_OneVersusTwoThreads_BitIdentical(int nInit, int features, int k, int rows)
    {
        if (nInit == 1) Assert.True((long)rows * features * k >= KMeans.ParallelWork, "a single run this small stays on one thread");
        var x = RandomMatrix(rows, features, 77);
        KMeansModel Fit(int threads) => new KMeans(new KMeansOptions
        {
            NumberOfClusters = k, NInit = nInit, Seed = 3, MaxDegreeOfParallelism = threads,
        }).Fit(x);
        var one = Fit(1);
        var two = Fit(2);
        Assert.Equal(BitConverter.DoubleToInt64Bits(one.Inertia), BitConverter.DoubleToInt64Bits(two.Inertia));
        Assert.Equal(one.Centers.ToColumnMajorArray().Select(BitConverter.DoubleToInt64Bits),
            two.Centers.ToColumnMajorArray().Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(one.Labels, two.Labels);
        Assert.Equal(one.RunInertias, two.RunInertias);
        Assert.Equal(one.Iterations, two.Iterations);
    }

    [Fact]
    public void Fit_DifferentSeeds_CanDiffer_SameSeedDoesNot()
    {
        var x = RandomMatrix(500, 2, 5);
        var a = new KMeans(new KMeansOptions { NumberOfClusters = 6, NInit = 1, Seed = 1 }).Fit(x);
        var b = new KMeans(new KMeansOptions { NumberOfClusters = 6, NInit = 1, Seed = 2 }).Fit(x);
        var c = new KMeans(new KMeansOptions { NumberOfClusters = 6, NInit = 1, Seed = 1 }).Fit(x);
        Assert.NotEqual(a.RunInertias[0], b.RunInertias[0]);
        Assert.Equal(a.RunInertias[0], c.RunInertias[0]);
    }

    [Fact]
    public void Predict_TrainingRows_EqualsLabels()
    {
        var x = RandomMatrix(4000, 3, 21, spread: 100);
        var model = new KMeans(new KMeansOptions { NumberOfClusters = 7, NInit = 2, Seed = 8 }).Fit(x);
        Assert.Equal(model.Labels, model.Predict(x));
        for (var i = 0; i < 50; i++)
            Assert.Equal(model.Labels[i], model.Predict(x.Row(i)));
    }

    [Fact]
    public void Score_TrainingRows_EqualsInertia()
    {
        var x = Blobs(1000, 2, 3, 4);
        var model = new KMeans(new KMeansOptions { NumberOfClusters = 3, Seed = 2 }).Fit(x);
        Assert.Equal(model.Inertia, model.Score(x), model.Inertia * 1e-12);
    }

    [Fact]
    public void Fit_InertiaEqualsSumOfSquaredDistancesToReturnedCenters()
    {
        var x = Blobs(900, 3, 3, 12);
        var model = new KMeans(new KMeansOptions { NumberOfClusters = 3, Seed = 5 }).Fit(x);
        var centers = model.Centers;
        var expected = Enumerable.Range(0, x.RowCount).Sum(i => (x.Row(i) - centers.Row(model.Labels[i])).PointwisePower(2).Sum());
        Assert.Equal(expected, model.Inertia, expected * 1e-10);
        // Each centre is the mean of its rows (Lloyd fixed point).
        for (var c = 0; c < 3; c++)
        {
            var members = Enumerable.Range(0, x.RowCount).Where(i => model.Labels[i] == c).ToArray();
            for (var f = 0; f < 3; f++)
                Assert.Equal(members.Average(i => x[i, f]), centers[c, f], 1e-9);
        }
    }

    [Fact]
    public void Fit_SeparatedBlobs_RecoversBlobs()
    {
        var x = Blobs(600, 2, 3, 1);
        var model = new KMeans(new KMeansOptions { NumberOfClusters = 3, Seed = 42 }).Fit(x);
        var truth = Enumerable.Range(0, 600).Select(i => i % 3).ToArray();
        Assert.Equal(1.0, Churn.Algorithms.Metrics.AdjustedRandIndex.Compute(model.Labels, truth));
        Assert.True(model.Converged);
        Assert.Contains("strict convergence", model.StopReason);
    }

    [Fact]
    public void Fit_DuplicatePointsFewerThanK_WarnsAboutDistinctClusters()
    {
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 1 }, { 1, 1 }, { 1, 1 }, { 2, 2 }, { 2, 2 } });
        var model = new KMeans(new KMeansOptions { NumberOfClusters = 3, NInit = 2 }).Fit(x);
        Assert.Contains(model.Warnings, w => w.Contains("Only 2 distinct clusters were found, fewer than the 3 asked for"));
        Assert.Equal(0.0, model.Inertia);
    }

    [Fact]
    public void Fit_MaxIterationsOne_NotConvergedAndWarns()
    {
        var x = RandomMatrix(2000, 2, 31);
        var model = new KMeans(new KMeansOptions { NumberOfClusters = 8, NInit = 1, MaxIterations = 1, Tolerance = 0 }).Fit(x);
        Assert.False(model.Converged);
        Assert.Equal(1, model.Iterations);
        Assert.Contains("MaxIterations=1", model.StopReason);
        Assert.Contains(model.Warnings, w => w.Contains("did not converge"));
        // The final E-step makes labels consistent with the returned centres.
        Assert.Equal(model.Labels, model.Predict(x));
    }

    [Fact]
    public void Fit_SingleCluster_CenterIsColumnMean()
    {
        var x = RandomMatrix(100, 3, 2, spread: 4);
        var model = new KMeans(new KMeansOptions { NumberOfClusters = 1 }).Fit(x);
        for (var f = 0; f < 3; f++)
            Assert.Equal(x.Column(f).Average(), model.Centers[0, f], 1e-12);
        Assert.All(model.Labels, l => Assert.Equal(0, l));
    }

    [Fact]
    public void Fit_SklearnToySets_MatchSklearnInertia()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestPaths.Golden("kmeans_small.json")));
        foreach (var toy in doc.RootElement.GetProperty("toys").EnumerateArray())
        {
            var rows = toy.GetProperty("x").EnumerateArray()
                .Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
            var x = Matrix<double>.Build.DenseOfRowArrays(rows);
            var k = toy.GetProperty("k").GetInt32();
            var expected = toy.GetProperty("inertia").GetDouble();
            var model = new KMeans(new KMeansOptions { NumberOfClusters = k, NInit = 10, Seed = 0 }).Fit(x);
            Assert.True(Math.Abs(model.Inertia - expected) <= 1e-9 * Math.Max(1, expected),
                $"{toy.GetProperty("name").GetString()}: ours {model.Inertia:R} vs sklearn {expected:R}");
            var sklearnLabels = toy.GetProperty("labels").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            Assert.Equal(1.0, Churn.Algorithms.Metrics.AdjustedRandIndex.Compute(model.Labels, sklearnLabels));
        }
    }

    [Fact]
    public void FromCenters_Predict_NearestCenter()
    {
        var centers = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 0 }, { 10, 0 }, { 0, 10 } });
        var model = KMeansModel.FromCenters(centers);
        Assert.Equal(3, model.NumberOfClusters);
        Assert.Equal(2, model.FeatureCount);
        Assert.Equal(centers, model.Centers);
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 1 }, { 9, -1 }, { -2, 8 }, { 5, 0 } });
        // (5, 0) is equidistant from centres 0 and 1: the lower index wins, as in scikit-learn.
        Assert.Equal([0, 1, 2, 0], model.Predict(x));
        Assert.Equal(2 + 2 + 8 + 25, model.Score(x), 12);
        Assert.Empty(model.Labels);
        Assert.True(double.IsNaN(model.Inertia));
    }

    [Fact]
    public void Centers_Mutated_ModelUnchanged()
    {
        var model = KMeansModel.FromCenters(Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 } }));
        var copy = model.Centers;
        copy[0, 0] = 99;
        Assert.Equal(1.0, model.Centers[0, 0]);
    }

    [Fact]
    public void Predict_WrongFeatureCount_Throws()
    {
        var model = KMeansModel.FromCenters(Matrix<double>.Build.Dense(2, 3));
        var ex = Assert.Throws<ArgumentException>(() => model.Predict(Matrix<double>.Build.Dense(4, 2)));
        Assert.Contains("x has 2 features, but the model expects 3", ex.Message);
    }

    [Theory]
    [InlineData("NumberOfClusters", "NumberOfClusters=0 must be >= 1")]
    [InlineData("NInit", "NInit=0 must be >= 1")]
    [InlineData("MaxIterations", "MaxIterations=0 must be >= 1")]
    [InlineData("Tolerance", "Tolerance=-1 must be a finite number >= 0")]
    [InlineData("MaxDegreeOfParallelism", "MaxDegreeOfParallelism=0 must be -1 (all cores) or >= 1")]
    public void Validate_BadOption_ThrowsQuotingValue(string option, string message)
    {
        var options = option switch
        {
            "NumberOfClusters" => new KMeansOptions { NumberOfClusters = 0 },
            "NInit" => new KMeansOptions { NInit = 0 },
            "MaxIterations" => new KMeansOptions { MaxIterations = 0 },
            "Tolerance" => new KMeansOptions { Tolerance = -1 },
            _ => new KMeansOptions { MaxDegreeOfParallelism = 0 },
        };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new KMeans(options));
        Assert.Equal(option, ex.ParamName);
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void Options_Defaults_AreSklearnDefaults()
    {
        var o = new KMeansOptions();
        Assert.Equal((8, 10, 300, 1e-4, 42, -1), (o.NumberOfClusters, o.NInit, o.MaxIterations, o.Tolerance, o.Seed, o.MaxDegreeOfParallelism));
    }

    [Fact]
    public void Fit_FewerRowsThanClusters_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new KMeans(new KMeansOptions { NumberOfClusters = 8 }).Fit(Matrix<double>.Build.Dense(3, 2)));
        Assert.Contains("x has 3 rows, which should be >= NumberOfClusters=8", ex.Message);
    }

    [Fact]
    public void Fit_NaNCell_ThrowsWithRowAndColumn()
    {
        var x = RandomMatrix(10, 3, 1);
        x[7, 2] = double.NaN;
        var ex = Assert.Throws<ArgumentException>(() => new KMeans(new KMeansOptions { NumberOfClusters = 2 }).Fit(x));
        Assert.Contains("row 7, column 2 is NaN", ex.Message);
    }
}
