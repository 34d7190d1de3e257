using System.Reflection;
using Churn.Experiments.Commands;

namespace Churn.Tests.Architecture
{
    /// <summary>Issue 11 item 1: the layers hold in the built assemblies, checked by reflection over types and IL.</summary>
    public sealed class LayeringTests
    {
        private static readonly Assembly Product = typeof(CommandRunner).Assembly;
        private static readonly Assembly Algorithms = typeof(Churn.Algorithms.Guard).Assembly;

        private static IEnumerable<(string From, string To)> Names(IEnumerable<(Type From, Type To)> edges) =>
            edges.Select(e => (Name(e.From), Name(e.To)));

        private static string Name(Type type) => (type.FullName ?? type.Name).Split('`')[0];

        [Fact]
        public void BuiltAssemblies_EveryReference_FollowsTheLayers()
        {
            var edges = TypeReferences.Of(Product.GetTypes().Concat(Algorithms.GetTypes()));

            Assert.Empty(Layers.Violations(Names(edges)));
        }

        [Fact]
        public void Product_NeverReadsTheTestTree()
        {
            var literals = TypeReferences.Strings(Product.GetTypes().Concat(Algorithms.GetTypes()))
                .Where(s => s.Literal.Contains("Churn.Tests", StringComparison.Ordinal))
                .Select(s => s.From.FullName + ": \"" + s.Literal + "\"");

            Assert.Empty(literals);
            Assert.DoesNotContain(Product.GetReferencedAssemblies(), a => a.Name == "Churn.Tests");
        }

        [Fact]
        public void Checker_BackEdgeInAMethodBody_Found()
        {
            // BackEdge (below) calls the command layer only inside a method body; read as if it lived in Serving,
            // the checker must report it, and nothing for an allowed edge.
            var edges = TypeReferences.Of([typeof(Fixture.BackEdge)])
                .Select(e => ("Churn.Experiments.Serving.BackEdge", Name(e.To)));

            var violations = Layers.Violations(edges);

            Assert.Contains("Serving: Churn.Experiments.Serving.BackEdge -> Commands: Churn.Experiments.Commands.CommandRunner", violations);
            Assert.All(violations, v => Assert.StartsWith("Serving: Churn.Experiments.Serving.BackEdge -> Commands: ", v));
        }

        [Theory]
        [InlineData("Churn.Experiments.Experiments.LabelledUsExperiment", "Churn.Experiments.Commands.TrainCommand", "Experiments: ")]
        [InlineData("Churn.Experiments.Data.CsvRowReader", "Churn.Experiments.Serving.PredictionHost", "Core: ")]
        [InlineData("Churn.Experiments.Modeling.ChurnModel", "System.Console", "(not allowed in Core)")]
        [InlineData("Churn.Algorithms.Linear.LogisticRegression", "System.IO.File", "(not allowed in Algorithms)")]
        [InlineData("Churn.Algorithms.Linear.LogisticRegression", "Churn.Experiments.Data.ColumnTable", "Algorithms: ")]
        [InlineData("Churn.Experiments.Serving.RequestHandler", "Churn.Experiments.Experiments.Reports.Plots", "Serving: ")]
        [InlineData("Churn.Experiments.Warehouse.Emitter", "Churn.Experiments.Data.ColumnTable", "is in no layer")]
        public void Checker_SyntheticBackEdge_Reported(string from, string to, string expected)
        {
            var violations = Layers.Violations([(from, to)]);

            Assert.Contains(expected, Assert.Single(violations));
        }

        [Theory]
        [InlineData("Churn.Experiments.Commands.TrainCommand", "Churn.Experiments.Modeling.ChurnTrainer")]
        [InlineData("Churn.Experiments.Experiments.LabelledUsExperiment", "Churn.Experiments.Experiments.Reports.ReportBuilder")]
        [InlineData("Churn.Experiments.Serving.ChurnModelPredictor", "Churn.Experiments.Modeling.ChurnModel")]
        [InlineData("Program", "Churn.Experiments.Commands.CommandRunner")]
        [InlineData("Churn.Experiments.Data.CsvRowReader", "System.IO.StreamReader")]
        public void Checker_AllowedEdge_NotReported(string from, string to)
        {
            Assert.Empty(Layers.Violations([(from, to)]));
        }
    }
}

namespace Churn.Tests.Architecture.Fixture
{
    /// <summary>A deliberate back edge for the checker's own test; never called.</summary>
    internal static class BackEdge
    {
        public static int Call() => CommandRunner.Run([], new CommandConsole(TextWriter.Null, TextWriter.Null));
    }
}
