namespace Churn.Experiments.Campaign;

/// <summary>
/// Plans a retention campaign from a customer file and a model, without labels: every row is scored
/// while the file streams (the same <see cref="ScoringInput"/> and <see cref="ChurnModel"/> arithmetic as
/// `predict`), customers are ranked riskiest first, and the expected profit of contacting the top k,
/// sum of p x success x value - k x offer cost (<see cref="ProfitCurve.Expected"/>), picks the best k.
/// </summary>
public static class CampaignPlanner
{
    /// <summary>Reasons listed per customer in the contact list.</summary>
    public const int Reasons = 3;

    /// <summary>Probability bands of the risk distribution.</summary>
    public const int RiskBands = 20;

    /// <summary>Longest profit curve returned; longer ones are thinned evenly (the best point is always kept).</summary>
    public const int CurvePoints = 1000;

    public static CampaignPlan Plan(ChurnModel model, CsvRowReader reader, CampaignAssumptions assumptions, IReadOnlyList<string>? idColumns = null,
        Action<string>? progress = null)
    {
        assumptions.Validate();
        var input = new ScoringInput(model, reader, idColumns);
        OutputColumns.RefuseIdClash(input.IdColumns, ContactList.AddedColumns);
        var sources = model.ColumnSources.Distinct(StringComparer.Ordinal).Count();
        // Only customers above break-even can be in the best k (each adds p x success x value - cost > 0), so only
        // they are explained; the margin covers rounding in the running sum. Everyone else keeps ids, p and segment.
        var explainFrom = assumptions.BreakEvenProbability * (1 - 1e-6);
        var customers = new List<ScoredCustomer>();
        while (reader.Read())
        {
            var p = model.Score(input.Number, input.Text, out var segment);
            IReadOnlyList<string> reasons = [];
            if (p >= explainFrom)
            {
                var prediction = model.Predict(input.Number, input.Text, null, sources);
                reasons = prediction.Contributions.Where(c => c.Effect > 0).Take(Reasons).Select(c => c.Text).ToArray();
            }
            input.InTrainingPopulation();
            customers.Add(new ScoredCustomer(input.Ids(), p, segment, segment is { } s ? model.Segments!.Names[s] : null, reasons));
            if (customers.Count % 200_000 == 0) progress?.Invoke(string.Format(CultureInfo.InvariantCulture, "{0} rows scored", customers.Count));
        }
        if (customers.Count == 0) throw new ChurnDataException("file has a header but no data rows; nothing to plan.", reader.Path, line: 1);

        var probabilities = customers.Select(c => c.Probability).ToArray();
        var curve = ProfitCurve.Expected(probabilities, assumptions);
        var unlimited = assumptions.Budget is null ? curve : ProfitCurve.Expected(probabilities, assumptions with { Budget = null });
        var ranked = curve.Order.Select(i => customers[i]).ToArray();
        var best = curve.Best;
        var calibration = Judge(model.Calibration);
        var warnings = input.Warnings(customers.Count).ToList();
        if (calibration.CalibratedForMoney != true) warnings.Add(calibration.Verdict);

        return new CampaignPlan(
            assumptions.OfferCost, assumptions.CustomerValue, assumptions.SuccessRate, assumptions.Budget,
            customers.Count, best.Contacted, best.Saved, best.Profit, best.CutOff, assumptions.BreakEvenProbability,
            unlimited.Best.Contacted, unlimited.Best.Profit, curve.Points[^1].Churners, curve.Points[^1].Profit,
            input.IdHeader, Breakdown(model, ranked, best.Contacted, assumptions), Distribution(ranked, best.Contacted), Thin(curve),
            calibration, input.RowsOutsidePopulation, warnings)
        {
            Ranked = ranked,
        };
    }

    private static CalibrationVerdict Judge(CalibrationInfo? info) => info is null
        ? new CalibrationVerdict(false, null, null, null, null,
            "The model file records no held-out calibration (train it with --cv K to record one); the expected figures assume its probabilities are honest.")
        : new CalibrationVerdict(true, info.GoodEnoughForMoney, info.ExpectedCalibrationError, info.Brier, info.Source, info.Verdict());

    private static IReadOnlyList<SegmentBreakdown> Breakdown(ChurnModel model, IReadOnlyList<ScoredCustomer> ranked, int contacted, CampaignAssumptions a)
    {
        SegmentBreakdown Row(int? segment, string name, Func<ScoredCustomer, bool> member)
        {
            var inSegment = ranked.Count(member);
            var reached = ranked.Take(contacted).Where(member).ToList();
            return new SegmentBreakdown(segment, name, inSegment, reached.Count,
                reached.Count == 0 ? null : reached.Average(c => c.Probability), reached.Sum(c => c.Probability) * a.SuccessRate);
        }
        if (model.Segments is not { } segments) return [Row(null, "all customers", _ => true)];
        return Enumerable.Range(0, segments.Count).Select(k => Row(k, segments.Names[k], c => c.Segment == k)).ToList();
    }

    private static IReadOnlyList<RiskBand> Distribution(IReadOnlyList<ScoredCustomer> ranked, int contacted)
    {
        var customers = new int[RiskBands];
        var reached = new int[RiskBands];
        for (var i = 0; i < ranked.Count; i++)
        {
            var band = Math.Min(RiskBands - 1, (int)(ranked[i].Probability * RiskBands));
            customers[band]++;
            if (i < contacted) reached[band]++;
        }
        return Enumerable.Range(0, RiskBands).Select(b => new RiskBand(b / (double)RiskBands, (b + 1) / (double)RiskBands, customers[b], reached[b])).ToList();
    }

    private static IReadOnlyList<CurvePoint> Thin(ProfitCurve curve)
    {
        var n = curve.Points.Count - 1;
        var keep = n <= CurvePoints
            ? Enumerable.Range(0, n + 1)
            : Enumerable.Range(0, CurvePoints + 1).Select(i => (int)((long)i * n / CurvePoints)).Append(curve.Best.Contacted).Distinct().Order();
        return keep.Select(k => curve.Points[k]).Select(p => new CurvePoint(p.Contacted, p.Profit, p.CutOff)).ToList();
    }
}
