using Churn.Experiments.Modeling;

namespace Churn.Tests.Experiments.Modeling;

public sealed class RowDerivationBindTests
{
    [Fact]
    public void Bind_SumChangeAndZeroFilled_SameAsWrap()
    {
        var derivation = new RowDerivation("test",
            [new DerivedColumn("total", DerivedKind.Sum, ["a", "b", "c"]), new DerivedColumn("change", DerivedKind.Change, ["c", "a", "b"])],
            zeroFilled: ["a", "b"]);
        var rows = new[]
        {
            new Dictionary<string, double> { ["a"] = 1.5, ["b"] = double.NaN, ["c"] = 4, ["total"] = 99 },
            new Dictionary<string, double> { ["a"] = double.NaN, ["b"] = 2, ["c"] = double.NaN, ["total"] = double.NaN },
            new Dictionary<string, double> { ["a"] = 0.1, ["b"] = 0.2, ["c"] = 0.3, ["total"] = 7 },
        };
        var current = rows[0];
        double Raw(string name) => current[name];
        var wrapped = derivation.Wrap(Raw);
        var bound = new[] { "total", "change", "a", "b", "c" }.ToDictionary(n => n, n => derivation.Bind(n, inFile: false, name => () => Raw(name)));
        var inFile = derivation.Bind("total", inFile: true, name => () => Raw(name));

        foreach (var row in rows)
        {
            current = row;
            foreach (var (name, get) in bound)
                Assert.Equal(BitConverter.DoubleToInt64Bits(wrapped(name)), BitConverter.DoubleToInt64Bits(get()));
            Assert.Equal(BitConverter.DoubleToInt64Bits(row["total"]), BitConverter.DoubleToInt64Bits(inFile()));
        }
        current = rows[1];
        Assert.Equal(0.0, bound["a"]()); // a zero-filled column's blank reads 0
        Assert.True(double.IsNaN(bound["c"]())); // any other blank stays blank
    }
}
