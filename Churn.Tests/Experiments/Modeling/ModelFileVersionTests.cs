using Churn.Experiments.Commands;
using Churn.Experiments.Modeling;
using Churn.Tests.Experiments.Commands;

namespace Churn.Tests.Experiments.Modeling;

/// <summary>churn-model/2 records the model kind; files written as churn-model/1 (before kinds existed) still load.</summary>
public sealed class ModelFileVersionTests
{
    /// <summary>Written by the code before this change: `train --data churn-bigml-80.csv --label Churn --positive True --exclude "State,Area code" --segments 3`.</summary>
    private static readonly string Version1 = TestPaths.Data("Churn.Tests/Experiments/Modeling/Fixtures/churn-model-1-bigml.json");

    private static TrainingData BigMl() => TrainCommand.LoadTrainingData(TestPaths.Data("data/raw/churn-bigml-80.csv"), "Churn", "True", ["State", "Area code"], null);

    [Fact]
    public void Load_Version1File_IsLinearAndPredictsAsTheSameModelRetrained()
    {
        Assert.Contains("\"churn-model/1\"", File.ReadAllText(Version1));
        var old = ModelFile.Load(Version1);
        var data = BigMl();
        var retrained = ChurnTrainer.Train(data, new ChurnTrainingOptions { Segments = 3 }, "test").Model;

        Assert.Equal("linear", old.Training.ModelKind);
        Assert.Null(old.Training.Lambda);
        Assert.Null(old.Training.L1Ratio);
        Assert.Equal(retrained.ColumnNames, old.ColumnNames);
        var a = old.PredictProbabilities(data.Table, out var segmentsOld);
        var b = retrained.PredictProbabilities(data.Table, out var segmentsNew);
        for (var i = 0; i < a.Count; i++) Assert.Equal(b[i], a[i], 12);
        Assert.Equal(segmentsNew, segmentsOld);
    }

    [Fact]
    public void Save_Version1ModelAgain_WritesVersion2WithKindAndRoundTrips()
    {
        using var temp = new TempFolder();
        ModelFile.Save(ModelFile.Load(Version1), temp.File("again.json"));
        var json = File.ReadAllText(temp.File("again.json"));

        Assert.Contains("\"format\": \"churn-model/2\"", json);
        Assert.Contains("\"model_kind\": \"linear\"", json);
        Assert.Equal(json, ModelFile.ToJson(ModelFile.Load(temp.File("again.json"))));
    }

    [Fact]
    public void SaveLoad_SparseModel_KeepsKindLambdaAndExactZeros()
    {
        using var temp = new TempFolder();
        var data = BigMl();
        var model = ChurnTrainer.Train(data, new ChurnTrainingOptions
        {
            Kind = ModelKind.Sparse,
            Penalty = Churn.Algorithms.Linear.Penalty.L1,
            Lambda = Churn.Algorithms.Linear.LambdaSelection.Fixed(0.02),
        }, "test").Model;
        ModelFile.Save(model, temp.File("sparse.json"));
        var loaded = ModelFile.Load(temp.File("sparse.json"));

        Assert.Equal("sparse", loaded.Training.ModelKind);
        Assert.Equal(0.02, loaded.Training.Lambda);
        Assert.Equal(1.0, loaded.Training.L1Ratio);
        Assert.Contains(0.0, loaded.Classifier.Coefficients);
        Assert.Equal(model.FeaturesUsed, loaded.FeaturesUsed);
        Assert.True(loaded.FeaturesUsed.Count < loaded.Features.Numeric.Count + loaded.Features.Categorical.Count);
        Assert.All(loaded.Coefficients, row => Assert.Null(row.PValue));
        Assert.Equal(model.PredictProbabilities(data.Table, out _).ToArray(), loaded.PredictProbabilities(data.Table, out _).ToArray());
    }
}
