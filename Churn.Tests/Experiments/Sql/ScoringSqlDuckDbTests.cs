using System.Globalization;
using Churn.Experiments.Commands;
using Churn.Experiments.Data;
using Churn.Experiments.Modeling;
using Churn.Experiments.Sql;
using Churn.Tests.Experiments.Data;

namespace Churn.Tests.Experiments.Sql;

/// <summary>
/// The emitted SELECT run by DuckDB on the shipped files gives ChurnModel's numbers for every row:
/// probability to 1e-12, the same 0/1 prediction, segment and derived features.
/// </summary>
public sealed class ScoringSqlDuckDbTests
{
    [Fact]
    public void Build_BigMlModel_DuckDbEqualsChurnModelEveryRow()
    {
        var data = TrainingDataLoader.Load(TestFiles.BigMl, "Churn", "True", ["State", "Area code"], null);
        AssertParity(Train(data, new ChurnTrainingOptions()), TestFiles.BigMl, "Customer service calls");
    }

    [Fact]
    public void Build_SeedModelWithSegments_DuckDbEqualsChurnModelEveryRow()
    {
        var data = TrainingDataLoader.Load(TestFiles.Seed, "churn", "1", ["segment"], null);
        var model = Train(data, new ChurnTrainingOptions { Segments = 4, SegmentFeatures = ["aon", "total_mou", "total_data_usage"] });
        AssertParity(model, TestFiles.Seed, null);
    }

    [Fact]
    public void Build_CaseStudyRecipeOnRawRows_DuckDbEqualsChurnModelEveryRow()
    {
        var model = Train(TelecomRecipes.CaseStudyData(TestFiles.Telecom1000), new ChurnTrainingOptions());
        Assert.NotNull(model.Derivation);
        AssertParity(model, TestFiles.Telecom1000, "mobile_number");
    }

    [Fact]
    public void Build_SeedProxyRecipeWithSegmentsOnRawRows_DuckDbEqualsChurnModelEveryRow()
    {
        var model = Train(TelecomRecipes.SeedProxyData(TestFiles.Telecom1000), new ChurnTrainingOptions { Segments = 3 });
        AssertParity(model, TestFiles.Telecom1000, "mobile_number");
    }

    /// <summary>Trains, then goes through the model file, as `churn sql --model` would read it.</summary>
    internal static ChurnModel Train(TrainingData data, ChurnTrainingOptions options) =>
        ModelFile.FromJson(ModelFile.ToJson(ChurnTrainer.Train(data, options, "test").Model));

    private static void AssertParity(ChurnModel model, string csv, string? id)
    {
        using var engine = DuckDbEngine.InMemory();
        engine.Execute("CREATE VIEW customers AS SELECT * FROM " + DuckDbEngine.ReadFunction(csv));
        AssertParity(model, csv, id, engine, "customers");
    }

    /// <summary>The emitted SELECT on <paramref name="tableName"/> (the rows of <paramref name="csv"/>, in file order) against ChurnModel on the CSV.</summary>
    internal static void AssertParity(ChurnModel model, string csv, string? id, SqlEngine engine, string tableName, bool matchById = false)
    {
        var table = CsvTableReader.Read(csv, model.ReadOptions());
        var expected = model.PredictProbabilities(table, out var segments);
        var derived = model.Derivation?.Apply(table);
        var rows = engine.Query(ScoringSql.Build(model, engine.Dialect, tableName, id));

        Assert.Equal(table.RowCount, rows.Count);
        var derivedNames = model.Derivation?.Columns.Select(c => c.Name).Where(n => model.Features.Numeric.Any(f => f.Name == n)).ToList() ?? [];
        var offset = id is null ? 0 : 1;
        var worst = 0.0;
        var byId = matchById ? Enumerable.Range(0, table.RowCount).ToDictionary(r => table.Numeric(id!).Values[r]) : null;
        for (var position = 0; position < rows.Count; position++)
        {
            var row = rows[position];
            var i = matchById ? byId![SqlEngine.Number(row[0])] : position;
            if (id is not null) Assert.Equal(SqlEngine.Number(table.Numeric(id).Values[i]), SqlEngine.Number(row[0]));
            for (var d = 0; d < derivedNames.Count; d++)
            {
                var want = derived!.Numeric(derivedNames[d]).Values[i];
                var got = SqlEngine.Number(row[offset + d]);
                Assert.True(double.IsNaN(want) ? double.IsNaN(got) : Math.Abs(want - got) <= 1e-12 * Math.Max(1, Math.Abs(want)),
                    $"row {i}, {derivedNames[d]}: ChurnModel {want:R}, SQL {got:R}");
            }
            var p = SqlEngine.Number(row[offset + derivedNames.Count]);
            worst = Math.Max(worst, Math.Abs(p - expected[i]));
            Assert.True(Math.Abs(p - expected[i]) <= 1e-12, $"row {i}: ChurnModel {expected[i]:R}, SQL {p:R}");
            Assert.Equal(expected[i] >= model.Threshold ? 1 : 0, (int)SqlEngine.Number(row[offset + derivedNames.Count + 1]));
            if (segments is not null) Assert.Equal(segments[i], (int)SqlEngine.Number(row[offset + derivedNames.Count + 2]));
        }
        Assert.True(worst <= 1e-12);
    }
}

/// <summary>Categories holding line breaks, tabs, quotes and backslashes score in SQL as in ChurnModel.</summary>
public sealed class ScoringSqlAwkwardCategoryTests
{
    [Fact]
    public void Build_CategoriesWithLineBreaksAndQuotes_DuckDbEqualsChurnModelEveryRow()
    {
        string[] plans = ["basic", "\"two\nlines\"", "tab\there", "\"it's \"\"gold\"\"\"", "back\\slash"];
        var random = new Random(3);
        var lines = new List<string> { "id,usage,plan,churned" };
        for (var i = 0; i < 300; i++)
        {
            var plan = random.Next(plans.Length);
            var usage = random.NextDouble() * 10;
            var churned = random.NextDouble() < 0.15 + 0.12 * plan ? "yes" : "no";
            lines.Add(string.Join(",", i.ToString(CultureInfo.InvariantCulture), usage.ToString("F3", CultureInfo.InvariantCulture), plans[plan], churned));
        }
        AssertParityOnTempFile(lines, null, model => Assert.Contains("two\nlines", model.Features.Categorical.Single().Categories));
    }

    [Fact]
    public void Build_ModelTrainedWithNa_TokensAreNullInSqlAsBlanksInPredict()
    {
        var random = new Random(4);
        var lines = new List<string> { "id,usage,plan,churned" };
        for (var i = 0; i < 300; i++)
        {
            var usage = i % 7 == 3 ? "NA" : (random.NextDouble() * 10).ToString("F3", CultureInfo.InvariantCulture);
            var plan = i % 11 == 5 ? " NA " : i % 3 == 0 ? "gold" : "basic";
            lines.Add(string.Join(",", i.ToString(CultureInfo.InvariantCulture), usage, plan, random.NextDouble() < 0.3 ? "yes" : "no"));
        }
        AssertParityOnTempFile(lines, ["NA"], model => Assert.Equal(["NA"], model.Training.MissingTokens!));
    }

    private static void AssertParityOnTempFile(List<string> lines, string[]? missingTokens, Action<ChurnModel> check)
    {
        var csv = Path.Combine(Path.GetTempPath(), "churn-sql-awkward-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(csv, string.Join("\n", lines) + "\n");
        try
        {
            var data = TrainingDataLoader.Load(csv, "churned", "yes", ["id"], null, missingTokens);
            var model = ScoringSqlDuckDbTests.Train(data, new ChurnTrainingOptions());
            check(model);
            using var engine = DuckDbEngine.InMemory();
            engine.Execute("CREATE VIEW customers AS SELECT * FROM " + DuckDbEngine.ReadFunction(csv));
            ScoringSqlDuckDbTests.AssertParity(model, csv, "id", engine, "customers");
        }
        finally
        {
            File.Delete(csv);
        }
    }
}
