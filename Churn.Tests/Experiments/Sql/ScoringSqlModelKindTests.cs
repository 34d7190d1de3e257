using System.Globalization;
using System.Text;
using Churn.Algorithms.Additive;
using Churn.Experiments.Modeling;
using Churn.Experiments.Sql;
using Churn.Tests.Experiments.Data;

namespace Churn.Tests.Experiments.Sql;

/// <summary>
/// Every model kind scored by the emitted SELECT in DuckDB equals ChurnModel on every row to 1e-12: the
/// sparse model, additive models (spline, step, indicator and segment terms; linear terms on the small
/// case-study sample) and additive-pairs (tensor-product terms), on the shipped rows and on rows pushed
/// outside the training range, onto the knots and into blanks (clamping, interval ends, imputation).
/// </summary>
public sealed class ScoringSqlModelKindTests
{
    /// <summary>The committed model files of the golden SQL (churn-bigml-80), one per kind.</summary>
    public static TheoryData<string> CommittedModels => new() { "bigml-sparse", "bigml-additive-segments", "bigml-additive-pairs" };

    internal static ChurnModel Committed(string name) => ModelFile.Load(TestPaths.Golden("sql/" + name + ".model.json"));

    [Theory]
    [MemberData(nameof(CommittedModels))]
    public void Build_CommittedModelOnShippedRows_DuckDbEqualsChurnModelEveryRow(string name)
    {
        var model = Committed(name);
        Assert.Equal(name == "bigml-sparse" ? "sparse" : "additive", model.Training.ModelKind.Split('-')[0]);
        Parity(model, TestFiles.BigMl);
    }

    [Theory]
    [MemberData(nameof(CommittedModels))]
    public void Build_RowsOutsideTheTrainingRange_DuckDbEqualsChurnModelEveryRow(string name)
    {
        var model = Committed(name);
        using var csv = new TempCsv(Perturbed(model, TestFiles.BigMl));
        Parity(model, csv.FilePath);
    }

    [Fact]
    public void Build_AdditiveCaseStudyRecipeOnRawRows_DuckDbEqualsChurnModelEveryRow()
    {
        var model = ScoringSqlDuckDbTests.Train(TelecomRecipes.CaseStudyData(TestFiles.Telecom1000), new ChurnTrainingOptions { Kind = ModelKind.Additive });
        // 300 rows for over a hundred features: the numeric terms stay linear (LinearTerm) or steps.
        Assert.Contains(model.Basis!.Terms, t => t is LinearTerm);
        Assert.NotNull(model.Derivation);
        using var engine = DuckDbEngine.InMemory();
        engine.Execute("CREATE VIEW customers AS SELECT * FROM " + DuckDbEngine.ReadFunction(TestFiles.Telecom1000));
        ScoringSqlDuckDbTests.AssertParity(model, TestFiles.Telecom1000, "mobile_number", engine, "customers");
    }

    [Fact]
    public void Build_AdditiveModel_HasSplineStepIndicatorAndPairColumns()
    {
        var pairs = Committed("bigml-additive-pairs").Basis!.Terms;
        Assert.Contains(pairs, t => t is SplineTerm);
        Assert.Contains(pairs, t => t is StepTerm);
        Assert.Contains(pairs, t => t is IndicatorTerm);
        Assert.Contains(pairs, t => t is PairTerm p && p.First is SplineTerm && p.Second is StepTerm);
        Assert.Contains(Committed("bigml-additive-segments").Basis!.Terms, t => t is IndicatorTerm { Name: "segment" });
    }

    private static void Parity(ChurnModel model, string csv)
    {
        using var engine = DuckDbEngine.InMemory();
        engine.Execute("CREATE VIEW customers AS SELECT * FROM " + DuckDbEngine.ReadFunction(csv));
        ScoringSqlDuckDbTests.AssertParity(model, csv, null, engine, "customers");
    }

    /// <summary>
    /// churn-bigml-80 with the model's numeric inputs changed by row: tripled, 1,000 lower (below the
    /// range), blank, set exactly to one of the term's knots (or step levels), or left as they are.
    /// </summary>
    internal static string Perturbed(ChurnModel model, string csv)
    {
        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(',');
        var numeric = model.Features.Numeric.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var marks = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        foreach (var term in model.Basis?.Terms ?? [])
            switch (term)
            {
                case SplineTerm s: marks[s.Name] = s.Basis.Knots; break;
                case StepTerm s: marks[s.Name] = s.Levels; break;
            }
        var text = new StringBuilder(lines[0]).Append('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            for (var c = 0; c < cells.Length; c++)
            {
                if (!numeric.Contains(header[c])) continue;
                var v = double.Parse(cells[c], CultureInfo.InvariantCulture);
                var at = marks.TryGetValue(header[c], out var m) ? m[(i / 5 + c) % m.Count] : v;
                cells[c] = ((i + c) % 5) switch
                {
                    0 => (3 * v).ToString("R", CultureInfo.InvariantCulture),
                    1 => (v - 1000).ToString("R", CultureInfo.InvariantCulture),
                    2 => "",
                    3 => at.ToString("R", CultureInfo.InvariantCulture),
                    _ => cells[c],
                };
            }
            text.Append(string.Join(',', cells)).Append('\n');
        }
        return text.ToString();
    }
}
