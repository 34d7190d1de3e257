using Churn.Experiments.Data;

namespace Churn.Tests.Experiments.Data;

public sealed class ColumnTableTests
{
    private static ColumnTable Sample() => new(
    [
        new NumericColumn("total_og_mou_6", [1, 2, double.NaN]),
        new NumericColumn("total_ic_mou_6", [4, 5, 6]),
        new TextColumn("plan", ["a", null, "c"]),
    ], "sample.csv");

    [Fact]
    public void Column_ExactName_ReturnsColumn()
    {
        var table = Sample();
        Assert.Equal(3, table.RowCount);
        Assert.Equal(1, table.Numeric("total_og_mou_6").MissingCount);
        Assert.Equal(1, table.Text("plan").MissingCount);
    }

    [Fact]
    public void Column_WrongCase_ThrowsListingCloseNames()
    {
        var ex = Assert.Throws<ChurnDataException>(() => Sample().Column("Total_OG_mou_6"));
        Assert.Equal("Total_OG_mou_6", ex.Column);
        Assert.Equal("sample.csv", ex.File);
        Assert.Contains("Did you mean: 'total_og_mou_6'", ex.Message);
        Assert.Contains("case-sensitive", ex.Message);
    }

    [Fact]
    public void Numeric_OnTextColumn_Throws()
    {
        var ex = Assert.Throws<ChurnDataException>(() => Sample().Numeric("plan"));
        Assert.Equal("plan", ex.Column);
        Assert.Contains("text", ex.Message);
    }

    [Fact]
    public void Constructor_DuplicateNames_Throws()
    {
        var ex = Assert.Throws<ChurnDataException>(() => new ColumnTable([new NumericColumn("a", [1]), new NumericColumn("a", [2])]));
        Assert.Equal("a", ex.Column);
    }

    [Fact]
    public void Constructor_UnequalLengths_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ColumnTable([new NumericColumn("a", [1]), new NumericColumn("b", [2, 3])]));
        Assert.Contains("'b' has 2 rows", ex.Message);
    }

    [Fact]
    public void SelectRows_KeepsOrderValuesAndLines()
    {
        var rows = Sample().SelectRows([2, 0]);
        Assert.Equal(2, rows.RowCount);
        Assert.Equal([6.0, 4.0], rows.Numeric("total_ic_mou_6").Values);
        Assert.Equal("c", rows.Text("plan")[0]);
        Assert.Equal(4, rows.LineOf(0));
        Assert.Equal(2, rows.LineOf(1));
    }

    [Fact]
    public void WithoutAndSelectAndWith_ReturnNewTables()
    {
        var table = Sample();
        Assert.Equal(["plan"], table.Without(["total_og_mou_6", "total_ic_mou_6", "nope"]).ColumnNames);
        Assert.Equal(["plan", "total_ic_mou_6"], table.Select(["plan", "total_ic_mou_6"]).ColumnNames);
        var replaced = table.With(new NumericColumn("total_ic_mou_6", [0, 0, 0]), new NumericColumn("new", [1, 1, 1]));
        Assert.Equal(["total_og_mou_6", "total_ic_mou_6", "plan", "new"], replaced.ColumnNames);
        Assert.Equal(0.0, replaced.Numeric("total_ic_mou_6")[0]);
        Assert.Equal(4.0, table.Numeric("total_ic_mou_6")[0]);
    }
}
