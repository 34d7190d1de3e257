using Churn.Experiments.Modeling;
using Churn.Tests.Experiments.Campaign;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Experiments.Modeling;

public sealed class CalibrationInfoTests
{
    [Fact]
    public void FromOutOfFold_HandComputedBins_ExpectedCalibrationErrorIsCountWeightedGap()
    {
        // Bin 0.0-0.1: p 0.05, 0.05 (0 churned) -> gap 0.05; bin 0.9-1.0: p 0.95, 0.95 (1 churned of 2) -> gap 0.45.
        var y = Vector<double>.Build.DenseOfArray([0, 0, 1, 0]);
        var p = Vector<double>.Build.DenseOfArray([0.05, 0.05, 0.95, 0.95]);

        var info = CalibrationInfo.FromOutOfFold(y, p, folds: 2);

        Assert.Equal((2 * 0.05 + 2 * 0.45) / 4, info.ExpectedCalibrationError, 12);
        Assert.Equal(0.5, info.MeanPredicted, 12);
        Assert.Equal(0.25, info.ObservedRate, 12);
        Assert.False(info.GoodEnoughForMoney);
        Assert.Equal(10, info.Bins.Count);
        Assert.Null(info.Bins[5].MeanPredicted);
        Assert.Contains("too miscalibrated", info.Verdict());
    }

    [Fact]
    public void FromOutOfFold_PerfectlyCalibratedBins_GoodEnough()
    {
        var y = Vector<double>.Build.DenseOfArray([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        var p = Vector<double>.Build.DenseOfArray(Enumerable.Repeat(0.1, 10).ToArray());
        var info = CalibrationInfo.FromOutOfFold(y, p, folds: 5);
        Assert.True(info.ExpectedCalibrationError < 1e-12);
        Assert.True(info.GoodEnoughForMoney);
        Assert.StartsWith("Probabilities are calibrated enough", info.Verdict());
    }

    [Fact]
    public void ModelFile_TrainedWithCv_CarriesCalibrationThroughSaveAndLoad()
    {
        var model = ModelFile.Load(CaseStudyCampaignModel.ModelPath);
        Assert.NotNull(model.Calibration);
        Assert.Equal(300, model.Calibration!.Rows);
        Assert.Equal(31, model.Calibration.Positives);
        Assert.Equal(model.Calibration.Rows, model.Calibration.Bins.Sum(b => b.Count));
        Assert.Equal(ModelFile.ToJson(model), ModelFile.ToJson(ModelFile.FromJson(ModelFile.ToJson(model))));
    }

    [Fact]
    public void ModelFile_WrittenBeforeCalibration_StillLoadsWithoutIt()
    {
        var json = File.ReadAllText(CaseStudyCampaignModel.ModelPath);
        var start = json.IndexOf(",\n  \"calibration\":", StringComparison.Ordinal);
        Assert.True(start > 0);
        var old = json[..start] + "\n}\n"; // calibration is the last key: cut it as an older file lacks it
        var model = ModelFile.FromJson(old);
        Assert.Null(model.Calibration);
        Assert.Equal(ModelFile.Load(CaseStudyCampaignModel.ModelPath).Coefficients.Count, model.Coefficients.Count);
    }
}
