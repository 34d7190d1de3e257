using System.Reflection;

namespace Churn.Tests.Architecture;

/// <summary>
/// Issue 11 item 6: ./test reruns the tests tagged Kind=Numeric with AVX-512 disabled, so every numeric test
/// must carry the tag (all of Churn.Tests.Algorithms and the committed-report check, as the old namespace filter had).
/// </summary>
public sealed class TestKindTests
{
    private static IEnumerable<Type> TestClasses() =>
        typeof(TestKindTests).Assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract &&
            t.GetMethods().Any(m => m.GetCustomAttributes().Any(a => a is FactAttribute)));

    private static IEnumerable<string> Kinds(Type type) =>
        type.GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(TraitAttribute) && (string?)a.ConstructorArguments[0].Value == "Kind")
            .Select(a => (string)a.ConstructorArguments[1].Value!);

    [Fact]
    public void NumericRerun_CoversAlgorithmsAndCommittedReports()
    {
        var numeric = TestClasses()
            .Where(t => t.Namespace!.StartsWith("Churn.Tests.Algorithms", StringComparison.Ordinal) || t.Name == "CommittedReportsTests")
            .ToList();

        Assert.True(numeric.Count >= 30, numeric.Count + " numeric test classes");
        Assert.All(numeric, t => Assert.Contains("Numeric", Kinds(t)));
    }

    [Fact]
    public void Kinds_AreFromTheKnownSet()
    {
        string[] known = ["Numeric", "Golden", "Process", "Browser", "Database"];

        Assert.All(TestClasses().SelectMany(Kinds), k => Assert.Contains(k, known));
    }

    [Theory]
    [InlineData("ChurnModelPageBrowserTests", "Browser")]
    [InlineData("PredictionPageBrowserTests", "Browser")]
    [InlineData("CultureTests", "Process")]
    [InlineData("PredictionHostEndpointTests", "Process")]
    [InlineData("LogisticRegressionGoldenTests", "Golden")]
    public void Class_StartingBrowsersProcessesOrReadingGoldens_Tagged(string name, string kind)
    {
        Assert.Contains(kind, Kinds(TestClasses().Single(t => t.Name == name)));
    }
}
