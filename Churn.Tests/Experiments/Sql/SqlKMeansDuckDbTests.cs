using Churn.Algorithms.Clustering;
using Churn.Algorithms.Preprocessing;
using Churn.Experiments.Data;
using Churn.Experiments.Sql;
using Churn.Tests.Experiments.Commands;
using Churn.Tests.Experiments.Data;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Experiments.Sql;

/// <summary>KMeans through DuckDB: the same segments as in memory (same seed), and Lloyd's GROUP BY iterations equal in-memory Lloyd from the same start.</summary>
public sealed class SqlKMeansDuckDbTests
{
    private static readonly string[] Features = ["aon", "total_mou", "total_data_usage"];

    [Fact]
    public void Segment_SeedTableThroughDuckDb_SameInertiaAsInMemory()
    {
        var engine = CliRun.Of("segment", "--source", "duckdb:" + TestFiles.Seed, "--features", string.Join(",", Features), "--k", "4", "--json");
        var memory = CliRun.Of("segment", "--data", TestFiles.Seed, "--features", string.Join(",", Features), "--k", "4", "--json");
        Assert.True(engine.ExitCode == 0, engine.Error);
        var a = memory.Json().GetProperty("inertia").GetDouble();
        var b = engine.Json().GetProperty("inertia").GetDouble();
        Assert.True(Math.Abs(a - b) <= 1e-9 * a, $"in memory {a:R}, DuckDB {b:R}");
        Assert.Equal(memory.Json().GetProperty("sizes").ToString(), engine.Json().GetProperty("sizes").ToString());
    }

    [Fact]
    public void Fit_FromSampleCentres_LloydInDuckDbEqualsInMemoryLloydFromTheSameStart()
    {
        var options = new KMeansOptions { NumberOfClusters = 4, Seed = 7 };
        using var table = SqlTable.Open("duckdb:" + TestFiles.Seed);
        var engine = SqlKMeans.Fit(table, Features, options, sampleRows: 3000);
        Assert.Equal(3000, engine.SampleRows);
        Assert.True(engine.Iterations > 1);

        // Replay the engine's Lloyd in memory from the centres its sample gave.
        var csv = CsvTableReader.Read(TestFiles.Seed);
        var x = Matrix<double>.Build.Dense(csv.RowCount, Features.Length, (i, j) => csv.Numeric(Features[j]).Values[i]);
        var scaler = StandardScaler.Fit(x);
        using var again = SqlTable.Open("duckdb:" + TestFiles.Seed);
        var start = SqlKMeans.StartingCenters(again, Features, options, 3000);
        var memory = new KMeans(options).FitFrom(scaler.Transform(x), start);

        Assert.Equal(memory.Iterations, engine.Iterations);
        Assert.True(Math.Abs(memory.Inertia - engine.Inertia) <= 1e-9 * memory.Inertia, $"in memory {memory.Inertia:R}, DuckDB {engine.Inertia:R}");
        Assert.True((memory.Centers - engine.Centers).Enumerate().Max(Math.Abs) <= 1e-9);
        // Centres in the columns' units are the means of each centre's rows, as `segment --data` reports them.
        for (var c = 0; c < options.NumberOfClusters; c++)
        {
            var members = Enumerable.Range(0, x.RowCount).Where(i => memory.Labels[i] == c).ToList();
            for (var f = 0; f < Features.Length; f++)
            {
                var mean = members.Sum(i => x[i, f]) / members.Count;
                Assert.True(Math.Abs(mean - engine.CentersOriginal[c, f]) <= 1e-9 * Math.Max(1, Math.Abs(mean)), $"centre {c}, {Features[f]}: {mean:R} vs {engine.CentersOriginal[c, f]:R}");
            }
        }
    }
}
