using Churn.Experiments.Data;
using Churn.Experiments.Modeling;
using Churn.Experiments.Sql;

namespace Churn.Tests.Experiments.Sql;

public sealed class SqlAdditiveRefusalTests
{
    [Fact]
    public void Build_AdditiveModel_RefusedNamingTheKind()
    {
        var data = TrainingDataLoader.Load(TestPaths.Data("data/raw/churn-bigml-80.csv"), "Churn", "True", ["State", "Area code"], null);
        var model = ChurnTrainer.Train(data, new ChurnTrainingOptions { Kind = ModelKind.Additive }, "test").Model;
        var error = Assert.Throws<UsageException>(() => ScoringSql.Build(model, SqlDialect.Parse("duckdb"), "customers"));
        Assert.Contains("additive", error.Message);
        Assert.Contains("churn predict", error.Message);
    }
}
