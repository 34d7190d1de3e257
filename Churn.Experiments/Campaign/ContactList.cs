namespace Churn.Experiments.Campaign;

/// <summary>
/// The ranked contact list of a <see cref="CampaignPlan"/>: its first best_k customers, riskiest first,
/// with their id columns, rank, churn probability, segment name, the expected value of contacting them
/// (p x success x value - offer cost) and up to three reasons in words. `campaign --out` and the
/// page's download write the same bytes.
/// </summary>
public static class ContactList
{
    /// <summary>The columns after the ids.</summary>
    public static IReadOnlyList<string> AddedColumns { get; } = ["rank", "churn_probability", "segment_name", "expected_value",
        .. Enumerable.Range(1, CampaignPlanner.Reasons).Select(r => "reason_" + r.ToString(CultureInfo.InvariantCulture))];

    public static void Write(CampaignPlan plan, TextWriter writer)
    {
        var assumptions = new CampaignAssumptions { OfferCost = plan.OfferCost, CustomerValue = plan.CustomerValue, SuccessRate = plan.SuccessRate };
        var header = plan.IdColumns.Concat(AddedColumns);
        writer.Write(string.Join(",", header.Select(CsvField.Quote)));
        writer.Write('\n');
        for (var i = 0; i < plan.BestK; i++)
        {
            var c = plan.Ranked[i];
            var fields = c.Ids.Select(CsvField.Quote).Concat([
                (i + 1).ToString(CultureInfo.InvariantCulture),
                c.Probability.ToString("R", CultureInfo.InvariantCulture),
                CsvField.Quote(c.SegmentName),
                assumptions.ExpectedValue(c.Probability).ToString("R", CultureInfo.InvariantCulture),
            ]).Concat(Enumerable.Range(0, CampaignPlanner.Reasons).Select(r => CsvField.Quote(r < c.Reasons.Count ? c.Reasons[r] : "")));
            writer.Write(string.Join(",", fields));
            writer.Write('\n');
        }
    }
}
