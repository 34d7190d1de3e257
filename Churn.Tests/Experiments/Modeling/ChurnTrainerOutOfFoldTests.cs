using Churn.Algorithms.Metrics;
using Churn.Experiments.Commands;
using Churn.Experiments.Modeling;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace Churn.Tests.Experiments.Modeling;

public sealed class ChurnTrainerOutOfFoldTests
{
    [Fact]
    public void Train_WithCrossValidation_OutOfFoldProbabilitiesReproduceEveryFoldAuc()
    {
        var data = TrainingDataLoader.Load(TestPaths.Data(Path.Combine("data", "raw", "churn-bigml-80.csv")), "Churn", "True", ["State", "Area code"], null);
        var options = new ChurnTrainingOptions { CrossValidationFolds = 4, Seed = 7 };

        var cv = ChurnTrainer.Train(data, options, "test").CrossValidation!;

        Assert.Equal(data.Labels.Count, cv.OutOfFoldProbabilities.Count);
        Assert.All(cv.OutOfFoldProbabilities, p => Assert.InRange(p, 1e-12, 1 - 1e-12));
        var folds = Churn.Algorithms.Validation.StratifiedKFold.Split(data.Labels, 4, 7);
        for (var f = 0; f < folds.Count; f++)
        {
            var test = folds[f].Test;
            var y = Vector<double>.Build.Dense(test.Length, i => data.Labels[test[i]]);
            var p = Vector<double>.Build.Dense(test.Length, i => cv.OutOfFoldProbabilities[test[i]]);
            Assert.Equal(cv.FoldAucs[f], RocAuc.Compute(y, p), 12);
        }
    }
}
