using System.Globalization;
using Churn.Experiments.Campaign;
using Churn.Experiments.Data;
using Churn.Experiments.Modeling;

namespace Churn.Experiments.Commands;

/// <summary>
/// `churn campaign --model M --data F [--offer-cost 10] [--value 100] [--success 0.3] [--budget N]
/// [--out contact-list.csv] [--json]`: whom to contact, from the model's probabilities (no labels).
/// </summary>
public static class CampaignCommand
{
    public static int Run(string[] args, CommandConsole console)
    {
        var cl = new CommandLine("campaign", args, ["model", "data", "offer-cost", "value", "success", "budget", "out", "id"], ["json"]);
        var modelPath = cl.Required("model");
        var path = cl.Required("data");
        var output = cl.Optional("out");
        if (output is not null) OutputPaths.EnsureDistinct(output, ("--data", path), ("--model", modelPath));
        var assumptions = new CampaignAssumptions
        {
            OfferCost = cl.Double("offer-cost", 10.0),
            CustomerValue = cl.Double("value", 100.0),
            SuccessRate = cl.Double("success", 0.3),
            Budget = cl.Has("budget") ? cl.Int("budget", 0) : null,
        };
        assumptions.Validate(n => "--" + n);
        var model = ModelFile.Load(modelPath);

        CampaignPlan plan;
        using (var reader = CsvRowReader.Open(path))
            plan = CampaignPlanner.Plan(model, reader, assumptions, cl.Has("id") ? cl.List("id") : null, console.Progress);
        if (output is not null)
        {
            OutputPaths.WriteWhole(output, w => { ContactList.Write(plan, w); return 0; });
            plan = plan with { ContactList = output };
        }
        foreach (var warning in plan.Warnings) console.Warn(warning);
        if (cl.Has("json"))
        {
            console.Out.WriteLine(CampaignJson.Serialize(plan));
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
