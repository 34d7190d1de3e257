using System.Text.Json;
using Churn.Experiments.Experiments;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Experiments.Experiments;

public sealed class ProxyAuditExperimentTests
{
    [Fact]
    public void Run_Twice_WritesReportAndByteIdenticalMetrics()
    {
        var json = ExperimentReportRun.AssertDeterministic(new ProxyAuditExperiment(), 11,
            ["score_distribution.png", "roc.png", "label_boundary.png"]);

        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement.GetProperty("results");
        Assert.True(r.GetProperty("reproduced_exactly").GetBoolean());
        Assert.Equal(0, r.GetProperty("rule_vs_seed_label_mismatches").GetInt32());
        Assert.Equal(1.0, r.GetProperty("rule_auc").GetDouble());
        Assert.Equal(1.0, r.GetProperty("rule_accuracy").GetDouble());
        Assert.Equal(20000, r.GetProperty("test_rows").GetInt32());
        Assert.Equal(497, r.GetProperty("train_churners").GetInt32() + r.GetProperty("test_churners").GetInt32());
        Assert.True(r.GetProperty("model_converged").GetBoolean());
        // The model must at least rank the label well, and accuracy can never fall below what its own predictions imply.
        Assert.InRange(r.GetProperty("model_auc").GetDouble(), 0.99, 1.0);
        var predicted = r.GetProperty("model_predicted_churners_at_0_5").GetInt32();
        var confusion = r.GetProperty("model_confusion_at_0_5");
        Assert.Equal(predicted, confusion.GetProperty("tp").GetInt32() + confusion.GetProperty("fp").GetInt32());
    }

    [Fact]
    public void PrecisionAtTop_TiesBrokenByRowOrder_CountsPositivesAmongTopK()
    {
        var y = Vector<double>.Build.DenseOfArray([1, 0, 1, 0, 1]);
        var scores = Vector<double>.Build.DenseOfArray([0.9, 0.8, 0.8, 0.1, 0.2]);
        Assert.Equal(0.5, ProxyAuditExperiment.PrecisionAtTop(y, scores, 2));
        Assert.Equal(2 / 3.0, ProxyAuditExperiment.PrecisionAtTop(y, scores, 3));
        Assert.True(double.IsNaN(ProxyAuditExperiment.PrecisionAtTop(y, scores, 0)));
    }
}
