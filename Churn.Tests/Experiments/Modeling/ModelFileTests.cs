using Churn.Experiments.Commands;
using Churn.Experiments.Modeling;
using Churn.Tests.Experiments.Commands;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Experiments.Modeling;

public sealed class ModelFileTests
{
    private static ChurnModel TrainBigMl(int segments = 0)
    {
        var data = TrainCommand.LoadTrainingData(TestPaths.Data("data/raw/churn-bigml-80.csv"), "Churn", "True", ["Area code"], null);
        return ChurnTrainer.Train(data, new ChurnTrainingOptions { Segments = segments }, "test").Model;
    }

    [Fact]
    public void SaveLoad_RoundTrip_SameJsonAndSamePredictions()
    {
        using var temp = new TempFolder();
        var model = TrainBigMl(segments: 3);
        ModelFile.Save(model, temp.File("m.json"));
        var loaded = ModelFile.Load(temp.File("m.json"));

        Assert.Equal(ModelFile.ToJson(model), ModelFile.ToJson(loaded));
        var table = TrainCommand.LoadTrainingData(TestPaths.Data("data/raw/churn-bigml-80.csv"), "Churn", "True", ["Area code"], null).Table;
        var a = model.PredictProbabilities(table, out var segA);
        var b = loaded.PredictProbabilities(table, out var segB);
        Assert.Equal(a.ToArray(), b.ToArray());
        Assert.Equal(segA, segB);
    }

    [Fact]
    public void Predict_SingleRow_EqualsTablePathAndExplains()
    {
        var model = TrainBigMl(segments: 3);
        var data = TrainCommand.LoadTrainingData(TestPaths.Data("data/raw/churn-bigml-80.csv"), "Churn", "True", ["Area code"], null);
        var probabilities = model.PredictProbabilities(data.Table, out var segments);
        for (var i = 0; i < 50; i++)
        {
            var row = i;
            var prediction = model.Predict(
                name => data.Table.Numeric(name).Values[row],
                name => data.Table.Text(name).Values[row]);
            Assert.Equal(probabilities[i], prediction.Probability, 12);
            Assert.Equal(segments![i], prediction.Segment);
            Assert.Equal(prediction.Probability >= 0.5 ? 1 : 0, prediction.Prediction);
            Assert.Equal(5, prediction.Contributions.Count);
            // Contributions are sorted by size and add up with the intercept to the log-odds.
        }
        var one = model.Predict(name => data.Table.Numeric(name).Values[0], name => data.Table.Text(name).Values[0], topFactors: 100);
        var logit = Math.Log(one.Probability / (1 - one.Probability));
        Assert.Equal(logit, model.Classifier.Intercept + one.Contributions.Sum(c => c.Effect), 9);
        Assert.Equal(one.Contributions.Select(c => Math.Abs(c.Effect)).OrderByDescending(x => x), one.Contributions.Select(c => Math.Abs(c.Effect)));
    }

    [Fact]
    public void Load_OtherFormatVersion_RejectedWithClearMessage()
    {
        using var temp = new TempFolder();
        var json = ModelFile.ToJson(TrainBigMl()).Replace("\"" + ModelFile.Format + "\"", "\"churn-model/0\"");
        var path = temp.Write("old.json", json);

        var e = Assert.Throws<ModelFileException>(() => ModelFile.Load(path));
        Assert.Contains("churn-model/0", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("")]
    [InlineData("[1,2,3]")]
    public void Load_CorruptFile_RejectedWithClearMessage(string content)
    {
        using var temp = new TempFolder();
        var path = temp.Write("bad.json", content);
        var e = Assert.Throws<ModelFileException>(() => ModelFile.Load(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Load_TruncatedCoefficients_RejectedAsInconsistent()
    {
        using var temp = new TempFolder();
        var model = TrainBigMl();
        var json = ModelFile.ToJson(model);
        var broken = System.Text.RegularExpressions.Regex.Replace(json, "\"coefficients\": \\[[^\\]]*\\]", "\"coefficients\": [1.0]");
        var path = temp.Write("broken.json", broken);

        var e = Assert.Throws<ModelFileException>(() => ModelFile.Load(path));
        Assert.Contains("inconsistent", e.Message);
    }

    [Fact]
    public void Train_Twice_IdenticalModel()
    {
        var a = ModelFile.ToJson(TrainBigMl(segments: 3));
        var b = ModelFile.ToJson(TrainBigMl(segments: 3));
        static string WithoutDate(string s) => System.Text.RegularExpressions.Regex.Replace(s, "\"created_utc\": \"[^\"]*\"", "");
        Assert.Equal(WithoutDate(a), WithoutDate(b));
    }

    [Fact]
    public void Pipeline_UnseenCategoryAndBlankNumber_ImputedNotRejected()
    {
        var model = TrainBigMl();
        var median = model.Features.Numeric.First(n => n.Name == "Total day minutes").Median;
        var withBlank = model.Predict(n => n == "Total day minutes" ? double.NaN : 1.0, _ => "Atlantis");
        var withMedian = model.Predict(n => n == "Total day minutes" ? median : 1.0, _ => "Atlantis");
        Assert.Equal(withMedian.Probability, withBlank.Probability, 15);
        Assert.InRange(withBlank.Probability, 0, 1);
        _ = Vector<double>.Build; // keep MathNet import meaningful for future row-level checks
    }
}
