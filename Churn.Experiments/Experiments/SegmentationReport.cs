using Churn.Experiments.Experiments.Reports;
using static Churn.Experiments.Experiments.Reports.ReportBuilder;

namespace Churn.Experiments.Experiments;

/// <summary>Turns a <see cref="SegmentationResult"/> into the segmentation report: prose, tables, metrics.json keys and figures.</summary>
internal static class SegmentationReport
{
    public static void Write(SegmentationResult r, ReportBuilder report)
    {
        var (s, n, ks, inertias, silhouettes, elbowK, silhouetteK) = (r.Settings, r.Rows, r.Ks, r.Inertias, r.Silhouettes, r.ElbowK, r.BestSilhouetteK);
        var (seeds, chosen, names, profiles, theirNames, crossTab, matched) = (r.StabilitySeeds, r.Chosen, r.Names, r.Profiles, r.OriginalNames, r.CrossTab, r.Matched);
        var (ariMean, ariMin, singleMean, singleMin) = (r.Stability.Mean, r.Stability.Min, r.SingleStartStability.Mean, r.SingleStartStability.Min);
        var (ari, theirSizes, theirK, k4, mou, data) = (r.AriVsOriginal, r.OriginalSizes, r.OriginalSizes.Length, s.ChosenClusters, r.Mou, r.Data);
        report.Paragraph(
            "Data: `data/raw/seed_churn_labeled_data.csv`, the original project's processed table ({0} customers; columns aon, " +
            "total_mou, total_data_usage, its KMeans `segment` and its proxy `churn`). The three usage features are standardised " +
            "(mean 0, population SD 1) before KMeans, as the original did; everything below uses our own KMeans " +
            "(greedy k-means++, Lloyd, best of {1} starts, seed {2}).", N(n), s.NInit, r.Seed);
        report.Metrics(("rows", n), ("n_init", s.NInit), ("scaler_means", r.ScalerMeans), ("scaler_scales", r.ScalerScales));

        // 1. Elbow and silhouette over k.
        report.Heading("How many segments? Elbow and silhouette");
        report.Paragraph(
            "KMeans was fitted on all {0} rows for k = {1}..{2} ({3} starts each). *Inertia* is the sum of squared distances of " +
            "customers to their segment centre (in standardised units): it always falls as k grows, and the \"elbow\" is where " +
            "it stops falling fast (found here as the point of the curve farthest from the straight line joining its ends, both " +
            "axes scaled to [0, 1]). The *silhouette* (from -1 to 1; higher = customers sit clearly closer to their own segment " +
            "than to the next one) is computed on a seeded random sample of {4} customers, because it costs O(n²); the labels " +
            "come from the fit on all rows.", N(n), ks[0], ks[^1], s.NInit, N(r.SilhouetteSampleRows));
        report.Table(["k", "inertia", "drop vs k-1", "silhouette (sample)"],
            ks.Select((k, t) => (IReadOnlyList<string>)[
                k.ToString(CultureInfo.InvariantCulture), F(inertias[t], 1),
                t == 0 ? "" : P(1 - inertias[t] / inertias[t - 1]), F(silhouettes[t], 4)]));
        var agree = elbowK == s.ChosenClusters && silhouetteK == s.ChosenClusters;
        report.Paragraph(
            "The elbow rule points to k = {0}; the best silhouette is at k = {1} ({2}). The original project used k = {3}: {4} " +
            "At k = {3} the silhouette is {5}, {6} below the best. Neither criterion is a law: on three skewed features with no natural gaps, the " +
            "choice of k is mostly about how many segments a marketing team can act on, and the numbers only show whether the " +
            "choice is unreasonable.",
            elbowK, silhouetteK, F(silhouettes.Max(), 4), s.ChosenClusters,
            agree ? "both criteria agree with it."
                : elbowK == s.ChosenClusters ? "the elbow agrees with it, the silhouette does not."
                : silhouetteK == s.ChosenClusters ? "the silhouette agrees with it, the elbow does not."
                : "neither criterion picks it.",
            F(r.ChosenSilhouette, 4), F(silhouettes.Max() - r.ChosenSilhouette, 4));
        report.Metric("k_values", ks);
        report.Metric("inertia_by_k", inertias);
        report.Metric("silhouette_sample_rows", r.SilhouetteSampleRows);
        report.Metric("silhouette_by_k", silhouettes);
        report.Metric("elbow_k", elbowK);
        report.Metric("best_silhouette_k", silhouetteK);
        report.Metric("best_silhouette", silhouettes.Max());
        report.Metric("chosen_k", s.ChosenClusters);
        report.Metric("chosen_k_silhouette", r.ChosenSilhouette);
        report.Metric("chosen_k_silhouette_gap_to_best", silhouettes.Max() - r.ChosenSilhouette);
        report.Metric("elbow_and_silhouette_agree_with_chosen_k", agree);
        report.Figure("elbow.png", "Elbow: KMeans inertia by number of segments k (all rows)", path => ElbowPlot(path, ks, inertias, elbowK, s.ChosenClusters));
        report.Figure("silhouette.png", "Mean silhouette by k on a seeded sample", path => SilhouettePlot(path, ks, silhouettes, s.ChosenClusters, r.SilhouetteSampleRows));

        // 2. Stability of the chosen k across seeds.
        report.Heading("Is k = " + k4.ToString(CultureInfo.InvariantCulture) + " stable?");
        report.Paragraph(
            "KMeans depends on its random starts. We refitted k = {0} with {1} seeds ({2}..{3}) and compared every pair of " +
            "results with the adjusted Rand index (ARI: 1 = the same partition up to renaming, 0 = no better than chance). " +
            "With {4} starts per fit (the default), pairwise ARI is {5} on average and {6} at worst, and the inertia ranges " +
            "from {7} to {8}. With a single start per fit, ARI is {9} on average and {10} at worst: the best-of-{4} restarts " +
            "are what makes the segments reproducible.",
            k4, seeds.Length, seeds[0], seeds[^1], s.NInit, F(ariMean, 4), F(ariMin, 4), F(r.StabilityInertias.Min(), 1),
            F(r.StabilityInertias.Max(), 1), F(singleMean, 4), F(singleMin, 4));
        report.Metric("stability_seeds", seeds);
        report.Metric("stability_ari_mean", ariMean);
        report.Metric("stability_ari_min", ariMin);
        report.Metric("stability_inertia_min", r.StabilityInertias.Min());
        report.Metric("stability_inertia_max", r.StabilityInertias.Max());
        report.Metric("stability_single_start_ari_mean", singleMean);
        report.Metric("stability_single_start_ari_min", singleMin);

        // 3. Profiles of the chosen segmentation.
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
        report.Paragraph(ProfileReading(profiles, names, r.TotalChurners));
        report.Metric("segments", profiles.Select(p => new
        {
            segment = p.Segment,
            name = names[p.Segment],
            size = p.Size,
            share = p.Share,
            mean = r.Features.Zip(p.Means).ToDictionary(t => t.First, t => t.Second),
            median = r.Features.Zip(p.Medians).ToDictionary(t => t.First, t => t.Second),
            center_z = r.Features.Select((_, j) => chosen.Centers[p.Segment, j]).ToArray(),
            churners = p.Churners,
            churn_rate = p.ChurnRate,
        }).ToArray());
        report.Metric("chosen_k_inertia", chosen.Inertia);

        // 4. Agreement with the original project's segments.
        report.Heading("Agreement with the original project's segments");
        report.Paragraph(
            "The original ran scikit-learn's KMeans (k = 4, random_state 42) on the same standardised features and stored the " +
            "result in the `segment` column. Adjusted Rand index between its segments and ours: {0}. Segment numbers are " +
            "arbitrary, so the cross-tab below is how to match them; the original's segments are named with the same rule " +
            "from their mean standardised profile. {1} of {2} customers ({3}) fall in the original segment that best matches " +
            "their segment in ours.", F(ari, 4), N(matched), N(n), P(matched / (double)n, 2));
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
        var legend = names.Select((name, c) => string.Format(CultureInfo.InvariantCulture, "{0}: {1} ({2})", c, name, P(profiles[c].Share))).ToArray();
        report.Heading("What the segments look like");
        var zeroData = data.Count(v => v == 0) / (double)n;
        report.Paragraph(
            "Scatter plots of a seeded random sample of {0} customers (plotting all {1} only draws an opaque blot), coloured by " +
            "our segment. Call minutes and data use are extremely right-skewed: total_mou has median {2}, 99th percentile {3} " +
            "and maximum {4}; {5} of customers have a total_data_usage of exactly 0, its 99th percentile is {6} and its " +
            "maximum {7}. Both are therefore drawn on a log scale as log10(1 + value), so 0 sits at the bottom/left edge; the " +
            "tick labels show original values. Tenure is drawn on its own linear scale. Nothing is clipped.",
            N(r.ScatterRows.Length), N(n), F(Quantile.Linear(mou, 0.5), 0), F(Quantile.Linear(mou, 0.99), 0), F(mou.Max(), 0),
            P(zeroData), F(Quantile.Linear(data, 0.99), 0), F(data.Max(), 0));
        report.Metric("scatter_sample_rows", r.ScatterRows.Length);
        report.Metric("total_mou_median", Quantile.Linear(mou, 0.5));
        report.Metric("total_mou_p99", Quantile.Linear(mou, 0.99));
        report.Metric("total_mou_max", mou.Max());
        report.Metric("share_zero_data_usage", zeroData);
        report.Metric("total_data_usage_p99", Quantile.Linear(data, 0.99));
        report.Metric("total_data_usage_max", data.Max());
        report.Figure("segments_mou_vs_data.png", "Segments: call minutes vs data use (log scales, sample)",
            path => ScatterPlot(path, r, legend, 1, 2, "Segments: call minutes vs data use",
                "total_mou: call minutes, all months (log scale)", "total_data_usage: data use, mixed units (log scale)"));
        report.Figure("segments_aon_vs_mou.png", "Segments: tenure vs call minutes (log scale, sample)",
            path => ScatterPlot(path, r, legend, 0, 1, "Segments: tenure vs call minutes",
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
            "Churn rates per segment use the proxy label, which marks almost-inactive customers (" + P(r.ProxyChurnRate, 2) +
            " of all); they say where inactive customers sit, not who will leave.",
        ]);
        report.Metric("proxy_churn_rate", r.ProxyChurnRate);
    }

    private static string ProfileReading(IReadOnlyList<SegmentProfile> profiles, IReadOnlyList<string> names, double totalChurners)
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

    private static void ElbowPlot(string path, int[] ks, double[] inertias, int elbowK, int chosenK)
    {
        var elbow = "elbow rule: k = " + elbowK.ToString(CultureInfo.InvariantCulture);
        var chosen = "original's choice: k = " + chosenK.ToString(CultureInfo.InvariantCulture);
        Figures.Lines(path, new FigureText("Elbow: KMeans inertia by k", "number of segments k", "inertia (sum of squared distances, standardised units)"),
            [new Curve("inertia (best of n_init starts)", ks.Select(k => (double)k).ToArray(), inertias) { MarkerSize = 8 }],
            chosenK == elbowK
                ? [new VerticalMarker(elbowK, elbow + " (= original's choice)")]
                : [new VerticalMarker(elbowK, elbow), new VerticalMarker(chosenK, chosen, MarkerLine.Reference)],
            xTicks: Ticks.Integers(ks), yRange: (0, inertias.Max() * 1.08));
    }

    private static void SilhouettePlot(string path, int[] ks, double[] silhouettes, int chosenK, int sampleRows) =>
        Figures.Lines(path, new FigureText("Mean silhouette by k (seeded sample of " + N(sampleRows) + " customers)",
                "number of segments k", "mean silhouette (-1 to 1, higher is better)"),
            [new Curve("silhouette", ks.Select(k => (double)k).ToArray(), silhouettes) { MarkerSize = 8 }],
            [new VerticalMarker(chosenK, "original's choice: k = " + chosenK.ToString(CultureInfo.InvariantCulture), MarkerLine.Reference)],
            xTicks: Ticks.Integers(ks), yRange: (Math.Min(0, silhouettes.Min() - 0.05), Math.Min(1, silhouettes.Max() + 0.1)));

    /// <summary>Ticks at log10(1 + v) for v = 0, 10, 100, ... labelled with v.</summary>
    private static Ticks LogTicks(double max)
    {
        var positions = new List<double> { 0 };
        var labels = new List<string> { "0" };
        for (var v = 10.0; v <= max * 10; v *= 10)
        {
            positions.Add(Math.Log10(1 + v));
            labels.Add(v >= 1000 ? (v / 1000).ToString("0", CultureInfo.InvariantCulture) + "k" : v.ToString("0", CultureInfo.InvariantCulture));
        }
        return new Ticks(positions, labels);
    }

    private static void ScatterPlot(string path, SegmentationResult r, string[] legend, int xColumn, int yColumn, string title, string xLabel, string yLabel)
    {
        // aon (column 0) is not skewed; the usage columns are drawn as log10(1 + value).
        static double Map(int column, double v) => column == 0 ? v : Math.Log10(1 + Math.Max(0, v));
        var labels = r.Chosen.Labels;
        var groups = legend.Select((text, c) =>
        {
            var members = r.ScatterRows.Where(i => labels[i] == c).ToArray();
            return new PointGroup(text, members.Select(i => Map(xColumn, r.Raw[i, xColumn])).ToArray(), members.Select(i => Map(yColumn, r.Raw[i, yColumn])).ToArray(), c);
        }).ToArray();
        Figures.Points(path, new FigureText(title, xLabel, yLabel), groups,
            // The upper-left corner (few calls, much data) is the emptiest part of the call/data plot.
            xColumn == 0 ? ScottPlot.Alignment.LowerRight : ScottPlot.Alignment.UpperLeft,
            xTicks: xColumn != 0 ? LogTicks(r.ScatterRows.Max(i => r.Raw[i, xColumn])) : null,
            yTicks: yColumn != 0 ? LogTicks(r.ScatterRows.Max(i => r.Raw[i, yColumn])) : null);
    }
}
