using Churn.Algorithms;
using Churn.Algorithms.Clustering;
using Churn.Algorithms.Metrics;

namespace Churn.Experiments.Experiments;

/// <summary>Workload of <see cref="SegmentationExperiment"/>; the defaults are the published report, tests shrink them.</summary>
public sealed record SegmentationSettings
{
    public int MinClusters { get; init; } = 2;

    public int MaxClusters { get; init; } = 10;

    /// <summary>The original project's k.</summary>
    public int ChosenClusters { get; init; } = 4;

    public int NInit { get; init; } = 10;

    /// <summary>Seeds (context seed + 0, 1, ...) of the stability check.</summary>
    public int StabilitySeeds { get; init; } = 10;

    /// <summary>Rows in the seeded silhouette sample (silhouette is O(n²)).</summary>
    public int SilhouetteSample { get; init; } = 3000;

    /// <summary>Rows drawn in the scatter plots (99,999 points are an unreadable blot).</summary>
    public int ScatterSample { get; init; } = 6000;

    public void Validate()
    {
        Guard.AtLeast(MinClusters, 2, nameof(MinClusters));
        Guard.AtLeast(MaxClusters, MinClusters + 1, nameof(MaxClusters));
        Guard.AtLeast(ChosenClusters, MinClusters, nameof(ChosenClusters));
        if (ChosenClusters > MaxClusters)
            throw new ArgumentOutOfRangeException(nameof(ChosenClusters), ChosenClusters,
                "ChosenClusters=" + ChosenClusters.ToString(CultureInfo.InvariantCulture) + " must be <= MaxClusters.");
        Guard.AtLeast(NInit, 1, nameof(NInit));
        Guard.AtLeast(StabilitySeeds, 2, nameof(StabilitySeeds));
        Guard.AtLeast(SilhouetteSample, 10, nameof(SilhouetteSample));
        Guard.AtLeast(ScatterSample, 10, nameof(ScatterSample));
    }
}

/// <summary>
/// KMeans segmentation of the seed table (aon, total_mou, total_data_usage, standardised): elbow and
/// silhouette over k, stability of the chosen k across seeds (pairwise ARI), segment profiles in original
/// units with business names and proxy churn rates, agreement with the original project's segments, and
/// scatter plots. Every random choice is derived from the context seed.
/// </summary>
public sealed class SegmentationExperiment(SegmentationSettings settings) : Experiment<SegmentationResult>("segmentation", "Customer segmentation of the seed table (KMeans on tenure, call minutes, data use)")
{
    private static readonly string[] Features = ["aon", "total_mou", "total_data_usage"];

    public SegmentationExperiment() : this(new SegmentationSettings())
    {
    }

    public SegmentationSettings Settings { get; } = settings;

    protected override void Write(SegmentationResult result, Reports.ReportBuilder report) => SegmentationReport.Write(result, report);

    /// <summary>Everything the report says, computed: KMeans over k, stability across seeds, profiles, agreement, plot samples.</summary>
    public override SegmentationResult Compute(ExperimentContext context)
    {
        Settings.Validate();
        var s = Settings;
        var path = context.Raw("seed_churn_labeled_data.csv");
        context.Progress.Report("loading the seed table");
        var table = SeedProxy.LoadSeedTable(path);
        var n = table.RowCount;
        var raw = Matrix<double>.Build.Dense(n, Features.Length);
        for (var j = 0; j < Features.Length; j++) raw.SetColumn(j, table.Numeric(Features[j]).Values);
        var theirs = table.Numeric("segment").Values.Select(v => (int)v).ToArray();
        var churn = table.Numeric("churn").Values;
        var scaler = StandardScaler.Fit(raw);
        var z = scaler.Transform(raw);

        // 1. Elbow and silhouette over k.
        var sample = Sample(n, s.SilhouetteSample, context.Seed);
        var zSample = Matrix<double>.Build.Dense(sample.Length, Features.Length, (i, j) => z[sample[i], j]);
        var ks = Enumerable.Range(s.MinClusters, s.MaxClusters - s.MinClusters + 1).ToArray();
        var fits = new Dictionary<int, KMeansModel>();
        var inertias = new double[ks.Length];
        var silhouettes = new double[ks.Length];
        for (var t = 0; t < ks.Length; t++)
        {
            context.Progress.Report(string.Format(CultureInfo.InvariantCulture, "KMeans k = {0} ({1}/{2})", ks[t], t + 1, ks.Length));
            var model = Fit(z, ks[t], context.Seed, s.NInit);
            fits[ks[t]] = model;
            inertias[t] = model.Inertia;
            silhouettes[t] = Silhouette.Score(zSample, sample.Select(i => model.Labels[i]).ToArray());
        }

        // 2. Stability of the chosen k across seeds.
        var k4 = s.ChosenClusters;
        var seeds = Enumerable.Range(0, s.StabilitySeeds).Select(i => context.Seed + i).ToArray();
        var runs = new List<KMeansModel> { fits[k4] };
        var single = new List<KMeansModel>();
        for (var i = 0; i < seeds.Length; i++)
        {
            context.Progress.Report(string.Format(CultureInfo.InvariantCulture, "stability: seed {0} ({1}/{2})", seeds[i], i + 1, seeds.Length));
            if (i > 0) runs.Add(Fit(z, k4, seeds[i], s.NInit));
            single.Add(Fit(z, k4, seeds[i], 1));
        }

        // 3. Profiles of the chosen segmentation, 4. agreement with the original's segments.
        var chosen = fits[k4];
        var labels = chosen.Labels.ToArray();
        var theirK = theirs.Max() + 1;
        var theirCenters = Matrix<double>.Build.Dense(theirK, Features.Length);
        var theirSizes = new int[theirK];
        for (var i = 0; i < n; i++)
        {
            theirSizes[theirs[i]]++;
            for (var j = 0; j < Features.Length; j++) theirCenters[theirs[i], j] += z[i, j];
        }
        for (var c = 0; c < theirK; c++)
            for (var j = 0; j < Features.Length; j++) theirCenters[c, j] /= Math.Max(1, theirSizes[c]);
        var crossTab = new int[k4, theirK];
        for (var i = 0; i < n; i++) crossTab[labels[i], theirs[i]]++;

        // 5. The scatter sample.
        var plotRows = Sample(n, s.ScatterSample, context.Seed + 1);
        return new SegmentationResult(
            DataFiles: [path],
            Settings: s,
            Seed: context.Seed,
            Features: Features,
            Rows: n,
            ScalerMeans: scaler.Means.ToArray(),
            ScalerScales: scaler.Scales.ToArray(),
            Ks: ks,
            Inertias: inertias,
            Silhouettes: silhouettes,
            SilhouetteSampleRows: sample.Length,
            ElbowK: ks[Knee(inertias)],
            StabilitySeeds: seeds,
            Stability: PairwiseAri(runs),
            SingleStartStability: PairwiseAri(single),
            StabilityInertias: runs.Select(r => r.Inertia).ToArray(),
            Chosen: chosen,
            Names: SegmentModel.NamesFor(chosen.Centers, Features),
            Profiles: Profiles(raw, labels, churn, k4),
            TotalChurners: churn.Sum(),
            AriVsOriginal: AdjustedRandIndex.Compute(labels, theirs),
            OriginalSizes: theirSizes,
            OriginalNames: SegmentModel.NamesFor(theirCenters, Features),
            CrossTab: crossTab,
            Matched: Enumerable.Range(0, k4).Sum(a => Enumerable.Range(0, theirK).Max(b => crossTab[a, b])),
            ScatterRows: plotRows,
            Raw: raw,
            Mou: table.Numeric("total_mou").Values,
            Data: table.Numeric("total_data_usage").Values);
    }

    private static KMeansModel Fit(Matrix<double> z, int k, int seed, int nInit) =>
        new KMeans(new KMeansOptions { NumberOfClusters = k, NInit = nInit, Seed = seed }).Fit(z);

    /// <summary>Sorted indices of a seeded random sample without replacement (all rows when size &gt;= n).</summary>
    internal static int[] Sample(int n, int size, int seed)
    {
        var rows = Enumerable.Range(0, n).ToArray();
        if (size >= n) return rows;
        new SplitMix64(unchecked((ulong)seed)).Shuffle(rows);
        var chosen = rows[..size];
        Array.Sort(chosen);
        return chosen;
    }

    /// <summary>Index of the point farthest below the chord from the first to the last point, both axes scaled to [0, 1].</summary>
    internal static int Knee(IReadOnlyList<double> inertias)
    {
        var m = inertias.Count;
        var top = inertias[0];
        var bottom = inertias[^1];
        var span = top - bottom;
        if (m < 3 || span <= 0) return 0;
        var best = 0;
        var bestDistance = double.NegativeInfinity;
        for (var t = 0; t < m; t++)
        {
            var x = t / (double)(m - 1);
            var y = (inertias[t] - bottom) / span;
            var distance = (1 - x) - y; // chord from (0, 1) to (1, 0): y = 1 - x; below it is positive
            if (distance > bestDistance)
            {
                bestDistance = distance;
                best = t;
            }
        }
        return best;
    }

    private static Stability PairwiseAri(IReadOnlyList<KMeansModel> runs)
    {
        var values = new List<double>();
        for (var a = 0; a < runs.Count; a++)
            for (var b = a + 1; b < runs.Count; b++)
                values.Add(AdjustedRandIndex.Compute(runs[a].Labels, runs[b].Labels));
        return new Stability(values.Average(), values.Min());
    }

    private static List<SegmentProfile> Profiles(Matrix<double> raw, int[] labels, double[] churn, int k)
    {
        var n = labels.Length;
        var result = new List<SegmentProfile>();
        for (var c = 0; c < k; c++)
        {
            var rows = Enumerable.Range(0, n).Where(i => labels[i] == c).ToArray();
            var means = new double[raw.ColumnCount];
            var medians = new double[raw.ColumnCount];
            for (var j = 0; j < raw.ColumnCount; j++)
            {
                var values = rows.Select(i => raw[i, j]).ToArray();
                means[j] = values.Length == 0 ? double.NaN : values.Average();
                medians[j] = values.Length == 0 ? double.NaN : Quantile.Linear(values, 0.5);
            }
            var churners = rows.Count(i => churn[i] == 1.0);
            result.Add(new SegmentProfile(c, rows.Length, rows.Length / (double)n, means, medians, churners,
                rows.Length == 0 ? double.NaN : churners / (double)rows.Length));
        }
        return result;
    }
}

/// <summary>One segment: size and share, per-feature mean and median in original units, proxy churners.</summary>
public sealed record SegmentProfile(int Segment, int Size, double Share, double[] Means, double[] Medians, int Churners, double ChurnRate);

/// <summary>Pairwise adjusted Rand index over a set of KMeans runs.</summary>
public sealed record Stability(double Mean, double Min);

/// <summary>What <see cref="SegmentationExperiment"/> computed: numbers and the plot sample, no prose.</summary>
/// <remarks>CrossTab: Customers by our segment (rows) and the original's (columns); ScatterRows: Rows drawn in the scatter plots (sorted); Raw: The three features in original units, one row per customer.</remarks>
public sealed record SegmentationResult(
    IReadOnlyList<string> DataFiles,
    SegmentationSettings Settings,
    int Seed,
    IReadOnlyList<string> Features,
    int Rows,
    double[] ScalerMeans,
    double[] ScalerScales,
    int[] Ks,
    double[] Inertias,
    double[] Silhouettes,
    int SilhouetteSampleRows,
    int ElbowK,
    int[] StabilitySeeds,
    Stability Stability,
    Stability SingleStartStability,
    double[] StabilityInertias,
    KMeansModel Chosen,
    IReadOnlyList<string> Names,
    IReadOnlyList<SegmentProfile> Profiles,
    double TotalChurners,
    double AriVsOriginal,
    int[] OriginalSizes,
    IReadOnlyList<string> OriginalNames,
    int[,] CrossTab,
    int Matched,
    int[] ScatterRows,
    Matrix<double> Raw,
    double[] Mou,
    double[] Data) : IExperimentResult
{
    public int BestSilhouetteK => Ks[Array.IndexOf(Silhouettes, Silhouettes.Max())];

    public double ChosenSilhouette => Silhouettes[Array.IndexOf(Ks, Settings.ChosenClusters)];

    public double ProxyChurnRate => TotalChurners / Rows;
}
