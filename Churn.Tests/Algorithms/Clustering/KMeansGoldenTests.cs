using Churn.Algorithms.Clustering;
using Churn.Algorithms.Metrics;
using Churn.Algorithms.Preprocessing;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Algorithms.Clustering;

/// <summary>KMeans k=4 on the standardised seed table against scikit-learn 1.2.1 (kmeans_seed_table.json).</summary>
[Trait("Kind", "Numeric")]
[Trait("Kind", "Golden")]
public class KMeansGoldenTests : IClassFixture<SeedTableGolden>
{
    private readonly SeedTableGolden _golden;
    private readonly Matrix<double> _z;
    private readonly KMeansModel _model;

    public KMeansGoldenTests(SeedTableGolden golden)
    {
        _golden = golden;
        _z = StandardScalerModel.FromParameters(golden.Means, golden.Scales).Transform(golden.Raw);
        _model = new KMeans(new KMeansOptions { NumberOfClusters = 4, NInit = 10, Seed = 42 }).Fit(_z);
    }

    [Fact]
    public void Fit_SeedTable_InertiaNoWorseThanSklearn()
    {
        Assert.True(_model.Inertia <= _golden.Inertia * (1 + 1e-6),
            $"ours {_model.Inertia:R} vs sklearn {_golden.Inertia:R}");
    }

    [Fact]
    public void Fit_SeedTable_LabelsAgreeWithSklearnAriAbove099()
    {
        var ari = AdjustedRandIndex.Compute(_model.Labels, _golden.Labels);
        Assert.True(ari > 0.99, $"ARI {ari:R}");
    }

    [Fact]
    public void Fit_SeedTableStrictConvergence_SameFixedPointAsSklearn()
    {
        // With Tolerance = 0 both stop only when labels stop changing, i.e. at an exact Lloyd fixed point,
        // so inertia and centres can be compared tightly (with tol = 1e-4 centres settle only to ~sqrt(tol)).
        var strict = new KMeans(new KMeansOptions { NumberOfClusters = 4, NInit = 10, Seed = 42, Tolerance = 0 }).Fit(_z);
        Assert.Contains("strict convergence", strict.StopReason);
        Assert.True(strict.Inertia <= _golden.StrictInertia * (1 + 1e-9),
            $"ours {strict.Inertia:R} vs sklearn {_golden.StrictInertia:R}");
        var centers = strict.Centers;
        foreach (var expected in _golden.StrictCenters)
        {
            // Label ids may be permuted: match each sklearn centre to our nearest one.
            var nearest = Enumerable.Range(0, 4)
                .Min(i => Enumerable.Range(0, 3).Max(j => Math.Abs(centers[i, j] - expected[j])));
            Assert.True(nearest < 1e-9, $"no centre within 1e-9 of [{string.Join(", ", expected)}]: {nearest:R}");
        }
    }

    [Fact]
    public void Fit_SeedTable_ConvergedWithoutWarningsAndSizesMatchLabels()
    {
        Assert.True(_model.Converged, _model.StopReason);
        Assert.Empty(_model.Warnings);
        Assert.Equal(_z.RowCount, _model.ClusterSizes.Sum());
        for (var c = 0; c < 4; c++)
            Assert.Equal(_model.Labels.Count(l => l == c), _model.ClusterSizes[c]);
        Assert.Equal(10, _model.RunInertias.Count);
        Assert.Equal(_model.RunInertias.Min(), _model.Inertia);
    }

    [Fact]
    public void Silhouette_FirstRowsWithSklearnLabels_MatchesSklearn()
    {
        var n = _golden.SilhouetteRows;
        var score = Silhouette.Score(_z.SubMatrix(0, n, 0, _z.ColumnCount), _golden.Labels.Take(n).ToArray());
        Assert.Equal(_golden.SilhouetteFirstRows, score, 1e-10);
    }
}
