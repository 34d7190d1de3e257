using Churn.Experiments.Commands;
using Churn.Experiments.Modeling;

namespace Churn.Tests.Experiments.Modeling;

/// <summary>The checks every path shares: the training-range check, the 0/1 decision and the leaky-label warning.</summary>
public sealed class ChurnModelChecksTests
{
    private static readonly Lazy<ChurnModel> BigMl = new(() =>
    {
        var data = TrainCommand.LoadTrainingData(TestPaths.Data("data/raw/churn-bigml-80.csv"), "Churn", "True", ["State", "Area code"], null);
        return ChurnTrainer.Train(data, new ChurnTrainingOptions(), "test").Model;
    });

    [Fact]
    public void CheckRange_OutsideInsideBlankAndUnknown_FlagsOnlyOutside()
    {
        var model = BigMl.Value;
        var account = model.Features.Numeric.First(n => n.Name == "Account length");
        Assert.Equal(new OutOfRangeValue("Account length", -3, account.Minimum, account.Maximum), model.CheckRange("Account length", -3));
        Assert.NotNull(model.CheckRange("Account length", 1e308));
        Assert.Null(model.CheckRange("Account length", account.Minimum));
        Assert.Null(model.CheckRange("Account length", account.Maximum));
        Assert.Null(model.CheckRange("Account length", double.NaN));
        Assert.Null(model.CheckRange("no such feature", 1e308));
    }

    [Fact]
    public void Predict_ValueOutsideTrainingRange_ListedInThePrediction()
    {
        var model = BigMl.Value;
        double Number(string name) => name == "Total day minutes" ? 1e308 : model.Features.Numeric.First(n => n.Name == name).Median;
        var prediction = model.Predict(Number, _ => "No");
        var outside = Assert.Single(prediction.OutOfRange);
        Assert.Equal("Total day minutes", outside.Feature);
        Assert.Equal(1e308, outside.Value);
        Assert.Empty(model.Predict(name => model.Features.Numeric.First(n => n.Name == name).Median, _ => "No").OutOfRange);
    }

    [Fact]
    public void Predict_UnseenOrBlankCategory_ScoredAsTheReferenceAndReported()
    {
        var model = BigMl.Value;
        double Number(string name) => model.Features.Numeric.First(n => n.Name == name).Median;
        var plan = model.Features.Categorical.First(c => c.Name == "International plan");
        var unseen = model.Predict(Number, name => name == "International plan" ? "Atlantis" : "No");
        var reference = model.Predict(Number, name => name == "International plan" ? plan.Reference : "No");
        Assert.Equal(reference.Probability, unseen.Probability);
        Assert.Equal(new UnseenCategory("International plan", "Atlantis", plan.Reference), Assert.Single(unseen.UnseenCategories));
        Assert.Empty(reference.UnseenCategories);
        var blank = model.Predict(Number, name => name == "International plan" ? null : "No");
        Assert.Equal(new UnseenCategory("International plan", null, plan.Reference), Assert.Single(blank.UnseenCategories));
        Assert.Null(model.CheckCategory("International plan", "Yes"));
        Assert.Null(model.CheckCategory("Account length", "Atlantis"));
    }

    [Fact]
    public void Decide_AtAndAroundTheThreshold_OneAtOrAbove()
    {
        var model = BigMl.Value;
        Assert.Equal(1, model.Decide(model.Threshold));
        Assert.Equal(0, model.Decide(Math.BitDecrement(model.Threshold)));
        Assert.Equal(1, model.Decide(1));
    }

    [Fact]
    public void LabelWarning_HonestModelNone_SeedProxyAndNearPerfectAucWarn()
    {
        Assert.Null(BigMl.Value.LabelWarning);
        var proxy = ChurnTrainer.Train(TelecomRecipes.SeedProxyData(TestPaths.Data("data/raw/telecom_churn_data_head1000.csv")), new ChurnTrainingOptions(), "test").Model;
        Assert.Contains("rule on its own inputs", proxy.LabelWarning);

        var m = BigMl.Value;
        var perfect = new ChurnModel(m.Features, m.Segments, m.Scaler, m.Classifier, m.Threshold, m.Training,
            new Dictionary<string, double>(m.Metrics) { ["train_auc"] = 0.9995 }, m.Coefficients, m.Derivation);
        Assert.Contains("Training AUC is 0.9995", perfect.LabelWarning);
    }
}
