using Churn.Tests.Experiments.Commands;

namespace Churn.Tests.Experiments.Campaign;

/// <summary>
/// One case-study model for the campaign tests, trained once per test run through the CLI exactly as
/// the README says (`train --recipe case-study --cv 5 --segments 4`), so it carries held-out calibration.
/// </summary>
internal static class CaseStudyCampaignModel
{
    public static readonly string RawFile = TestPaths.Data("data/raw/telecom_churn_data_head1000.csv");

    private static readonly Lazy<string> Trained = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "churn-campaign-model-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "case.json");
        var run = CliRun.Of("train", "--data", RawFile, "--recipe", "case-study", "--cv", "5", "--segments", "4", "--out", path);
        if (run.ExitCode != 0) throw new InvalidOperationException("training the case-study model failed: " + run.Error);
        return path;
    });

    public static string ModelPath => Trained.Value;
}
