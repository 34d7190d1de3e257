using Churn.Experiments.Modeling;
using Churn.Experiments.Sql;
using Churn.Tests.Experiments.Data;

namespace Churn.Tests.Experiments.Sql;

/// <summary>
/// The sparse, additive and additive-pairs models scored by the emitted SELECT on a real PostgreSQL 15
/// server (<see cref="PostgresServer"/>) equal ChurnModel on every row to 1e-12, on the shipped rows and
/// on rows outside the training range.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Kind", "Database")]
public sealed class PostgresScoringKindTests(PostgresServer server)
{
    [Theory]
    [MemberData(nameof(ScoringSqlModelKindTests.CommittedModels), MemberType = typeof(ScoringSqlModelKindTests))]
    public void Score_CommittedModelOnPostgres_EqualsChurnModelEveryRow(string name)
    {
        var model = ScoringSqlModelKindTests.Committed(name);
        using var engine = PostgresEngine.Connect(server.ConnectionString());
        server.LoadCsv("kind bigml", TestFiles.BigMl);
        ScoringSqlDuckDbTests.AssertParity(model, TestFiles.BigMl, null, engine, "kind bigml");
        using var perturbed = new TempCsv(ScoringSqlModelKindTests.Perturbed(model, TestFiles.BigMl));
        server.LoadCsv("kind perturbed", perturbed.FilePath);
        ScoringSqlDuckDbTests.AssertParity(model, perturbed.FilePath, null, engine, "kind perturbed");
    }

    [Fact]
    public void Score_AdditiveCaseStudyRecipeOnPostgres_EqualsChurnModelEveryRow()
    {
        var model = ScoringSqlDuckDbTests.Train(TelecomRecipes.CaseStudyData(TestFiles.Telecom1000), new ChurnTrainingOptions { Kind = ModelKind.Additive });
        using var engine = PostgresEngine.Connect(server.ConnectionString());
        server.LoadCsv("kind raw telecom", TestFiles.Telecom1000);
        ScoringSqlDuckDbTests.AssertParity(model, TestFiles.Telecom1000, "mobile_number", engine, "kind raw telecom", matchById: true);
    }
}
