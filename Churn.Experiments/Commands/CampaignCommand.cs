using Churn.Experiments.Campaign;

namespace Churn.Experiments.Commands;

/// <summary>
/// `churn campaign --model M --data F [--offer-cost 10] [--value 100] [--success 0.3] [--budget N]
/// [--out contact-list.csv] [--json]`: whom to contact, from the model's probabilities (no labels).
/// </summary>
public static class CampaignCommand
{
    public static Verb Verb { get; } = new("campaign", "whom to contact: expected retention profit of the riskiest k customers, the best k and a contact list",
    [
        VerbOption.Required("model", "FILE", "model file written by 'train' (with --cv it records how calibrated its probabilities are)"),
        VerbOption.Required("data", "FILE", "customer CSV to plan for (the model's inputs, or raw rows for a recipe model); no labels needed"),
        VerbOption.Value("offer-cost", "MONEY", "cost of one retention offer, paid for every contacted customer", "10"),
        VerbOption.Value("value", "MONEY", "value of keeping one customer who would have churned", "100"),
        VerbOption.Value("success", "RATE", "share of contacted would-be churners the offer keeps, in (0, 1]", "0.3"),
        VerbOption.Value("budget", "N", "contact at most N customers (default: no limit)"),
        VerbOption.Value("out", "FILE", "write the contact list: id columns, rank, probability, segment, expected value, three reasons"),
        VerbOption.IdColumns,
        VerbOption.Decimal,
        VerbOption.Flag("json", "print the plan as one JSON object on stdout instead of text"),
    ], Run);

    public static int Run(CommandLine cl, CommandConsole console)
    {
        var path = cl.Required("data");
        var output = cl.Optional("out");
        using var contactList = output is null ? null : cl.CreateOutput(output);
        var assumptions = new CampaignAssumptions
        {
            OfferCost = cl.Double("offer-cost"),
            CustomerValue = cl.Double("value"),
            SuccessRate = cl.Double("success"),
            Budget = cl.OptionalInt("budget"),
        };
        assumptions.Validate(n => "--" + n);
        var model = cl.Model();

        CampaignPlan plan;
        using (var reader = CsvRowReader.Open(path, model.ReadOptions(cl.Decimal())))
            plan = CampaignPlanner.Plan(model, reader, assumptions, cl.IdColumns(), console.Progress);
        if (output is not null)
        {
            using (var w = contactList!.Writer()) ContactList.Write(plan, w);
            contactList.Commit();
            plan = plan with { ContactList = output };
        }
        foreach (var warning in plan.Warnings) console.Warn(warning);
        if (cl.Has("json"))
        {
            JsonOutput.Write(console.Out, plan);
            return CommandRunner.Ok;
        }
        WriteText(console.Out, plan);
        return CommandRunner.Ok;
    }

    private static void WriteText(TextWriter o, CampaignPlan plan)
    {
        var c = CultureInfo.InvariantCulture;
        o.WriteLine(string.Format(c, "{0} customers scored; offer cost {1:G}, customer value {2:G}, success rate {3:G}{4}",
            plan.Rows, plan.OfferCost, plan.CustomerValue, plan.SuccessRate, plan.Budget is { } b ? ", budget " + b.ToString(c) + " contacts" : ""));
        o.WriteLine(string.Format(c, "best: contact the riskiest {0} ({1:P1}), churn probability >= {2:F4} (break-even {3:F4})",
            plan.BestK, plan.BestK / (double)plan.Rows, plan.CutoffProbability, plan.BreakEvenProbability));
        o.WriteLine(string.Format(c, "expected saved {0:F2} customers, expected profit {1:F2}", plan.ExpectedSaved, plan.ExpectedProfit));
        if (plan.Budget is not null && plan.BestKWithoutBudget != plan.BestK)
            o.WriteLine(string.Format(c, "without the budget: contact {0}, expected profit {1:F2}", plan.BestKWithoutBudget, plan.ExpectedProfitWithoutBudget));
        o.WriteLine();
        var width = Math.Max(7, plan.Segments.Max(s => s.Name.Length));
        o.WriteLine(string.Format(c, "{0}  {1,9}  {2,9}  {3,9}  {4,14}", "segment".PadRight(width), "customers", "contacted", "mean risk", "expected saved"));
        foreach (var s in plan.Segments)
            o.WriteLine(string.Format(c, "{0}  {1,9}  {2,9}  {3,9}  {4,14:F2}", s.Name.PadRight(width), s.Customers, s.Contacted,
                s.MeanRisk is { } r ? r.ToString("F4", c) : "-", s.ExpectedSaved));
        o.WriteLine();
        o.WriteLine(plan.Calibration.Verdict);
        if (plan.ContactList is { } list) o.WriteLine("contact list (" + plan.BestK.ToString(c) + " customers) written to " + list);
    }
}
