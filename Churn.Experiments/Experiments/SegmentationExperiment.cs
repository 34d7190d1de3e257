using System.Globalization;
using Churn.Algorithms;
using Churn.Algorithms.Clustering;
using Churn.Algorithms.Metrics;
using Churn.Algorithms.Preprocessing;
using Churn.Experiments.Data;
using Churn.Experiments.Experiments.Reports;
using Churn.Experiments.Modeling;
using MathNet.Numerics.LinearAlgebra;
using static Churn.Experiments.Experiments.Reports.ReportBuilder;

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
public sealed class SegmentationExperiment(SegmentationSettings settings) : IExperiment
{
    private static readonly string[] Features = ["aon", "total_mou", "total_data_usage"];

    public SegmentationExperiment() : this(new SegmentationSettings())
    {
    }

    public SegmentationSettings Settings { get; } = settings;

    public string Name => "segmentation";

    public string Title => "Customer segmentation of the seed table (KMeans on tenure, call minutes, data use)";

    public void Run(ExperimentContext context, ReportBuilder report)
    {
        Settings.Validate();
        var s = Settings;
        var path = report.UsesData(context.Raw("seed_churn_labeled_data.csv"), context.RepositoryRoot);
        context.Progress.Report("loading the seed table");
        var table = SeedProxy.LoadSeedTable(path);
        var n = table.RowCount;
        var raw = Matrix<double>.Build.Dense(n, Features.Length);
        for (var j = 0; j < Features.Length; j++) raw.SetColumn(j, table.Numeric(Features[j]).Values);
        var theirs = table.Numeric("segment").Values.Select(v => (int)v).ToArray();
        var churn = table.Numeric("churn").Values;
        var scaler = StandardScaler.Fit(raw);
        var z = scaler.Transform(raw);

        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "Data: `data/raw/seed_churn_labeled_data.csv`, the original project's processed table ({0} customers; columns aon, " +
            "total_mou, total_data_usage, its KMeans `segment` and its proxy `churn`). The three usage features are standardised " +
            "(mean 0, population SD 1) before KMeans, as the original did; everything below uses our own KMeans " +
            "(greedy k-means++, Lloyd, best of {1} starts, seed {2}).", N(n), s.NInit, context.Seed));
        report.Metric("rows", n);
        report.Metric("n_init", s.NInit);
        report.Metric("scaler_means", scaler.Means);
        report.Metric("scaler_scales", scaler.Scales);

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
        var elbowK = ks[Knee(inertias)];
        var silhouetteK = ks[Array.IndexOf(silhouettes, silhouettes.Max())];
        var chosenIndex = Array.IndexOf(ks, s.ChosenClusters);

        report.Heading("How many segments? Elbow and silhouette");
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "KMeans was fitted on all {0} rows for k = {1}..{2} ({3} starts each). *Inertia* is the sum of squared distances of " +
            "customers to their segment centre (in standardised units): it always falls as k grows, and the \"elbow\" is where " +
            "it stops falling fast (found here as the point of the curve farthest from the straight line joining its ends, both " +
            "axes scaled to [0, 1]). The *silhouette* (from -1 to 1; higher = customers sit clearly closer to their own segment " +
            "than to the next one) is computed on a seeded random sample of {4} customers, because it costs O(n²); the labels " +
            "come from the fit on all rows.", N(n), ks[0], ks[^1], s.NInit, N(sample.Length)));
        report.Table(["k", "inertia", "drop vs k-1", "silhouette (sample)"],
            ks.Select((k, t) => (IReadOnlyList<string>)[
                k.ToString(CultureInfo.InvariantCulture), F(inertias[t], 1),
                t == 0 ? "" : P(1 - inertias[t] / inertias[t - 1]), F(silhouettes[t], 4)]));
        var agree = elbowK == s.ChosenClusters && silhouetteK == s.ChosenClusters;
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "The elbow rule points to k = {0}; the best silhouette is at k = {1} ({2}). The original project used k = {3}: {4} " +
            "At k = {3} the silhouette is {5}, {6} below the best. Neither criterion is a law: on three skewed features with no natural gaps, the " +
            "choice of k is mostly about how many segments a marketing team can act on, and the numbers only show whether the " +
            "choice is unreasonable.",
            elbowK, silhouetteK, F(silhouettes.Max(), 4), s.ChosenClusters,
            agree ? "both criteria agree with it."
                : elbowK == s.ChosenClusters ? "the elbow agrees with it, the silhouette does not."
                : silhouetteK == s.ChosenClusters ? "the silhouette agrees with it, the elbow does not."
                : "neither criterion picks it.",
            F(silhouettes[chosenIndex], 4), F(silhouettes.Max() - silhouettes[chosenIndex], 4)));
        report.Metric("k_values", ks);
        report.Metric("inertia_by_k", inertias);
        report.Metric("silhouette_sample_rows", sample.Length);
        report.Metric("silhouette_by_k", silhouettes);
        report.Metric("elbow_k", elbowK);
        report.Metric("best_silhouette_k", silhouetteK);
        report.Metric("best_silhouette", silhouettes.Max());
        report.Metric("chosen_k", s.ChosenClusters);
        report.Metric("chosen_k_silhouette", silhouettes[chosenIndex]);
        report.Metric("chosen_k_silhouette_gap_to_best", silhouettes.Max() - silhouettes[chosenIndex]);
        report.Metric("elbow_and_silhouette_agree_with_chosen_k", agree);
        report.Figure("elbow.png", "Elbow: KMeans inertia by number of segments k (all rows)", ElbowPlot(ks, inertias, elbowK, s.ChosenClusters));
        report.Figure("silhouette.png", "Mean silhouette by k on a seeded sample", SilhouettePlot(ks, silhouettes, s.ChosenClusters, sample.Length));

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
        var (ariMean, ariMin) = PairwiseAri(runs);
        var (singleMean, singleMin) = PairwiseAri(single);
        var runInertias = runs.Select(r => r.Inertia).ToArray();
        report.Heading("Is k = " + k4.ToString(CultureInfo.InvariantCulture) + " stable?");
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "KMeans depends on its random starts. We refitted k = {0} with {1} seeds ({2}..{3}) and compared every pair of " +
            "results with the adjusted Rand index (ARI: 1 = the same partition up to renaming, 0 = no better than chance). " +
            "With {4} starts per fit (the default), pairwise ARI is {5} on average and {6} at worst, and the inertia ranges " +
            "from {7} to {8}. With a single start per fit, ARI is {9} on average and {10} at worst: the best-of-{4} restarts " +
            "are what makes the segments reproducible.",
            k4, seeds.Length, seeds[0], seeds[^1], s.NInit, F(ariMean, 4), F(ariMin, 4), F(runInertias.Min(), 1),
            F(runInertias.Max(), 1), F(singleMean, 4), F(singleMin, 4)));
        report.Metric("stability_seeds", seeds);
        report.Metric("stability_ari_mean", ariMean);
        report.Metric("stability_ari_min", ariMin);
        report.Metric("stability_inertia_min", runInertias.Min());
        report.Metric("stability_inertia_max", runInertias.Max());
        report.Metric("stability_single_start_ari_mean", singleMean);
        report.Metric("stability_single_start_ari_min", singleMin);

        // 3. Profiles of the chosen segmentation.
        var chosen = fits[k4];
        var labels = chosen.Labels.ToArray();
        var names = SegmentModel.NamesFor(chosen.Centers, Features);
        var profiles = Profiles(raw, labels, churn, k4);
        report.Heading("Segment profiles (k = " + k4.ToString(CultureInfo.InvariantCulture) + ")");
        report.Paragraph(
            "Each segment's size, its mean and median of the three features in original units (tenure in days; call minutes " +
            "and data use summed over all four months as the original built them), and the share of customers flagged by the " +
            "original project's proxy churn label (total_mou < 5 and total_data_usage < 5; see the proxy-audit report for why " +
            "this label is not real churn). Names come from the standardised centre: a feature is named when the centre is at " +
            "least 0.5 SD from the average customer (\"very\" from 1.5 SD), strongest first.");
        report.Table(["segment", "name", "customers", "share", "tenure mean / median (days)", "call minutes mean / median",
                "data use mean / median", "proxy churn rate"],
            profiles.Select(p => (IReadOnlyList<string>)[
                p.Segment.ToString(CultureInfo.InvariantCulture), names[p.Segment], N(p.Size), P(p.Share),
                F(p.Means[0], 0) + " / " + F(p.Medians[0], 0), F(p.Means[1], 0) + " / " + F(p.Medians[1], 0),
                F(p.Means[2], 0) + " / " + F(p.Medians[2], 0),
                P(p.ChurnRate, 2) + " (" + N(p.Churners) + ")"]));
        report.Paragraph(ProfileReading(profiles, names, churn.Sum()));
        report.Metric("segments", profiles.Select(p => new
        {
            segment = p.Segment,
            name = names[p.Segment],
            size = p.Size,
            share = p.Share,
            mean = Features.Zip(p.Means).ToDictionary(t => t.First, t => t.Second),
            median = Features.Zip(p.Medians).ToDictionary(t => t.First, t => t.Second),
            center_z = Features.Select((_, j) => chosen.Centers[p.Segment, j]).ToArray(),
            churners = p.Churners,
            churn_rate = p.ChurnRate,
        }).ToArray());
        report.Metric("chosen_k_inertia", chosen.Inertia);

        // 4. Agreement with the original project's segments.
        var ari = AdjustedRandIndex.Compute(labels, theirs);
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
        var theirNames = SegmentModel.NamesFor(theirCenters, Features);
        var crossTab = new int[k4, theirK];
        for (var i = 0; i < n; i++) crossTab[labels[i], theirs[i]]++;
        var matched = Enumerable.Range(0, k4).Sum(a => Enumerable.Range(0, theirK).Max(b => crossTab[a, b]));
        report.Heading("Agreement with the original project's segments");
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "The original ran scikit-learn's KMeans (k = 4, random_state 42) on the same standardised features and stored the " +
            "result in the `segment` column. Adjusted Rand index between its segments and ours: {0}. Segment numbers are " +
            "arbitrary, so the cross-tab below is how to match them; the original's segments are named with the same rule " +
            "from their mean standardised profile. {1} of {2} customers ({3}) fall in the original segment that best matches " +
            "their segment in ours.", F(ari, 4), N(matched), N(n), P(matched / (double)n, 2)));
        report.Table(
            new[] { "ours \\ original" }.Concat(Enumerable.Range(0, theirK).Select(b =>
                b.ToString(CultureInfo.InvariantCulture) + ": " + theirNames[b])).Append("total").ToArray(),
            Enumerable.Range(0, k4).Select(a => (IReadOnlyList<string>)new[] { a.ToString(CultureInfo.InvariantCulture) + ": " + names[a] }
                .Concat(Enumerable.Range(0, theirK).Select(b => N(crossTab[a, b]))).Append(N(profiles[a].Size)).ToArray()));
        report.Paragraph(ari > 0.99
            ? "The two segmentations are practically the same partition: our from-scratch KMeans reproduces the original's segments (the few customers that differ sit on a boundary between two centres)."
            : ari > 0.8
                ? "The two segmentations largely agree; the differences are customers near a boundary, where two nearby local optima of KMeans split them differently."
                : "The two segmentations differ substantially: KMeans found a different local optimum from the original's.");
        report.Metric("ari_vs_original_segments", ari);
        report.Metric("original_segment_sizes", theirSizes);
        report.Metric("original_segment_names", theirNames);
        report.Metric("cross_tab_ours_rows_original_columns", Enumerable.Range(0, k4).Select(a => Enumerable.Range(0, theirK).Select(b => crossTab[a, b]).ToArray()).ToArray());
        report.Metric("matched_customers", matched);

        // 5. Scatter plots.
        var plotRows = Sample(n, s.ScatterSample, context.Seed + 1);
        var legend = names.Select((name, c) => string.Format(CultureInfo.InvariantCulture, "{0}: {1} ({2})", c, name, P(profiles[c].Share))).ToArray();
        report.Heading("What the segments look like");
        var mou = table.Numeric("total_mou").Values;
        var data = table.Numeric("total_data_usage").Values;
        var zeroData = data.Count(v => v == 0) / (double)n;
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "Scatter plots of a seeded random sample of {0} customers (plotting all {1} only draws an opaque blot), coloured by " +
            "our segment. Call minutes and data use are extremely right-skewed: total_mou has median {2}, 99th percentile {3} " +
            "and maximum {4}; {5} of customers have a total_data_usage of exactly 0, its 99th percentile is {6} and its " +
            "maximum {7}. Both are therefore drawn on a log scale as log10(1 + value), so 0 sits at the bottom/left edge; the " +
            "tick labels show original values. Tenure is drawn on its own linear scale. Nothing is clipped.",
            N(plotRows.Length), N(n), F(Quantile.Linear(mou, 0.5), 0), F(Quantile.Linear(mou, 0.99), 0), F(mou.Max(), 0),
            P(zeroData), F(Quantile.Linear(data, 0.99), 0), F(data.Max(), 0)));
        report.Metric("scatter_sample_rows", plotRows.Length);
        report.Metric("total_mou_median", Quantile.Linear(mou, 0.5));
        report.Metric("total_mou_p99", Quantile.Linear(mou, 0.99));
        report.Metric("total_mou_max", mou.Max());
        report.Metric("share_zero_data_usage", zeroData);
        report.Metric("total_data_usage_p99", Quantile.Linear(data, 0.99));
        report.Metric("total_data_usage_max", data.Max());
        report.Figure("segments_mou_vs_data.png", "Segments: call minutes vs data use (log scales, sample)",
            ScatterPlot(raw, labels, plotRows, legend, 1, 2, "Segments: call minutes vs data use",
                "total_mou: call minutes, all months (log scale)", "total_data_usage: data use, mixed units (log scale)"));
        report.Figure("segments_aon_vs_mou.png", "Segments: tenure vs call minutes (log scale, sample)",
            ScatterPlot(raw, labels, plotRows, legend, 0, 1, "Segments: tenure vs call minutes",
                "aon: tenure (days)", "total_mou: call minutes, all months (log scale)"));

        report.Heading("Caveats");
        report.Bullets([
            "The features are the original project's, and they are rough: `total_mou` sums every column whose name contains \"mou\" " +
            "(119 columns over months 6-9, totals and their own components together), so each minute is counted several times; " +
            "`total_data_usage` sums every \"2g\"/\"3g\" column (MB volumes, pack counts and rupee volume-based costs), so its units " +
            "are mixed and it is not a data volume. See `/work/shared/data/README.md` and `data/README.md`.",
            "Both sums include month 9, the month the case study reserves for defining churn, so these segments describe " +
            "behaviour that includes the period one would want to predict.",
            "KMeans with Euclidean distance on skewed features makes segments driven by the heavy tails (a few very heavy users " +
            "get their own segments, the bulk of customers is one large group); log-transforming the features first would give " +
            "different, more balanced segments. We keep the original's recipe to compare with it.",
            "Churn rates per segment use the proxy label, which marks almost-inactive customers (" + P(churn.Sum() / n, 2) +
            " of all); they say where inactive customers sit, not who will leave.",
        ]);
        report.Metric("proxy_churn_rate", churn.Sum() / n);
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

    private static (double Mean, double Min) PairwiseAri(IReadOnlyList<KMeansModel> runs)
    {
        var values = new List<double>();
        for (var a = 0; a < runs.Count; a++)
            for (var b = a + 1; b < runs.Count; b++)
                values.Add(AdjustedRandIndex.Compute(runs[a].Labels, runs[b].Labels));
        return (values.Average(), values.Min());
    }

    private sealed record SegmentProfile(int Segment, int Size, double Share, double[] Means, double[] Medians, int Churners, double ChurnRate);

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

    private static string ProfileReading(List<SegmentProfile> profiles, IReadOnlyList<string> names, double totalChurners)
    {
        var largest = profiles.OrderByDescending(p => p.Size).First();
        var riskiest = profiles.OrderByDescending(p => p.ChurnRate).First();
        var withChurners = profiles.Where(p => p.Churners > 0).Select(p => p.Segment.ToString(CultureInfo.InvariantCulture)).ToArray();
        return string.Format(CultureInfo.InvariantCulture,
            "How to read it: the largest segment, {0} \"{1}\", holds {2} of customers; each other segment is named after the " +
            "feature that sets it apart from the average customer. The proxy churners ({3} in " +
            "all) sit only in segment(s) {4}; the highest proxy churn rate is in segment {5} \"{6}\" ({7}). Because the proxy " +
            "flags near-zero usage, segments built on high usage cannot contain it: the churn-rate column restates the segment " +
            "definitions rather than revealing risk.",
            largest.Segment, names[largest.Segment], P(largest.Share), N((int)totalChurners), string.Join(", ", withChurners),
            riskiest.Segment, names[riskiest.Segment], P(riskiest.ChurnRate, 2));
    }

    private static Action<string> ElbowPlot(int[] ks, double[] inertias, int elbowK, int chosenK)
    {
        var plot = Plots.Create("Elbow: KMeans inertia by k", "number of segments k", "inertia (sum of squared distances, standardised units)");
        var line = plot.Add.Scatter(ks.Select(k => (double)k).ToArray(), inertias);
        line.LegendText = "inertia (best of n_init starts)";
        line.LineWidth = 2;
        line.MarkerSize = 8;
        var elbow = plot.Add.VerticalLine(elbowK);
        elbow.LegendText = "elbow rule: k = " + elbowK.ToString(CultureInfo.InvariantCulture);
        elbow.LinePattern = ScottPlot.LinePattern.Dashed;
        elbow.Color = ScottPlot.Colors.DarkOrange;
        if (chosenK != elbowK)
        {
            var chosen = plot.Add.VerticalLine(chosenK);
            chosen.LegendText = "original's choice: k = " + chosenK.ToString(CultureInfo.InvariantCulture);
            chosen.LinePattern = ScottPlot.LinePattern.Dotted;
            chosen.Color = ScottPlot.Colors.Gray;
        }
        else
        {
            elbow.LegendText += " (= original's choice)";
        }
        plot.Axes.Bottom.TickGenerator = IntegerTicks(ks);
        plot.Axes.SetLimitsY(0, inertias.Max() * 1.08);
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        return Plots.Saver(plot);
    }

    private static Action<string> SilhouettePlot(int[] ks, double[] silhouettes, int chosenK, int sampleRows)
    {
        var plot = Plots.Create("Mean silhouette by k (seeded sample of " + sampleRows.ToString("N0", CultureInfo.InvariantCulture) + " customers)",
            "number of segments k", "mean silhouette (-1 to 1, higher is better)");
        var line = plot.Add.Scatter(ks.Select(k => (double)k).ToArray(), silhouettes);
        line.LegendText = "silhouette";
        line.LineWidth = 2;
        line.MarkerSize = 8;
        var chosen = plot.Add.VerticalLine(chosenK);
        chosen.LegendText = "original's choice: k = " + chosenK.ToString(CultureInfo.InvariantCulture);
        chosen.LinePattern = ScottPlot.LinePattern.Dotted;
        chosen.Color = ScottPlot.Colors.Gray;
        plot.Axes.Bottom.TickGenerator = IntegerTicks(ks);
        plot.Axes.SetLimitsY(Math.Min(0, silhouettes.Min() - 0.05), Math.Min(1, silhouettes.Max() + 0.1));
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        return Plots.Saver(plot);
    }

    private static ScottPlot.TickGenerators.NumericManual IntegerTicks(IEnumerable<int> values)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var v in values) ticks.AddMajor(v, v.ToString(CultureInfo.InvariantCulture));
        return ticks;
    }

    /// <summary>Ticks at log10(1 + v) for v = 0, 10, 100, ... labelled with v.</summary>
    private static ScottPlot.TickGenerators.NumericManual LogTicks(double max)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        ticks.AddMajor(0, "0");
        for (var v = 10.0; v <= max * 10; v *= 10)
            ticks.AddMajor(Math.Log10(1 + v), v >= 1000 ? (v / 1000).ToString("0", CultureInfo.InvariantCulture) + "k" : v.ToString("0", CultureInfo.InvariantCulture));
        return ticks;
    }

    private static Action<string> ScatterPlot(Matrix<double> raw, int[] labels, int[] rows, string[] legend, int xColumn, int yColumn,
        string title, string xLabel, string yLabel)
    {
        // aon (column 0) is not skewed; the usage columns are drawn as log10(1 + value).
        static double Map(int column, double v) => column == 0 ? v : Math.Log10(1 + Math.Max(0, v));
        var plot = Plots.Create(title, xLabel, yLabel);
        var palette = new ScottPlot.Palettes.Category10();
        for (var c = 0; c < legend.Length; c++)
        {
            var members = rows.Where(i => labels[i] == c).ToArray();
            var xs = members.Select(i => Map(xColumn, raw[i, xColumn])).ToArray();
            var ys = members.Select(i => Map(yColumn, raw[i, yColumn])).ToArray();
            if (xs.Length == 0) continue;
            var points = plot.Add.ScatterPoints(xs, ys);
            points.Color = palette.GetColor(c).WithAlpha(0.55);
            points.MarkerSize = 4;
            points.LegendText = legend[c];
        }
        if (xColumn != 0) plot.Axes.Bottom.TickGenerator = LogTicks(rows.Max(i => raw[i, xColumn]));
        if (yColumn != 0) plot.Axes.Left.TickGenerator = LogTicks(rows.Max(i => raw[i, yColumn]));
        // The upper-left corner (few calls, much data) is the emptiest part of the call/data plot.
        plot.ShowLegend(xColumn == 0 ? ScottPlot.Alignment.LowerRight : ScottPlot.Alignment.UpperLeft);
        return Plots.Saver(plot);
    }
}
