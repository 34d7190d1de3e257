using Churn.Experiments.Data;

namespace Churn.Tests.Experiments.Data;

public sealed class LabelledCsvTests
{
    private static LabelledCsvOptions Churn(string positive = "True") => new() { LabelColumn = "Churn", PositiveValue = positive };

    [Fact]
    public void Load_BigMl_LabelsAndFeatureKinds()
    {
        var data = LabelledCsv.Load(TestFiles.BigMl, Churn("true"));

        Assert.Equal(2666, data.Labels.Length);
        Assert.Equal(388, data.Positives);
        Assert.Equal(["State", "International plan", "Voice mail plan"], data.TextFeatures);
        Assert.Equal(16, data.NumericFeatures.Count);
        Assert.DoesNotContain("Churn", data.Features.ColumnNames);
        Assert.Contains(data.Warnings, w => w.Contains("'International plan' has 2 categories (No, Yes): encoded as one 0/1 feature 'International plan=Yes'", StringComparison.Ordinal));
        Assert.Contains(data.Warnings, w => w.Contains("'State' one-hot encoded: 51 categories", StringComparison.Ordinal));
        Assert.Empty(data.ExcludedColumns);
    }

    [Fact]
    public void Prepare_NumericLabel_ComparesNumerically()
    {
        var table = new ColumnTable([new NumericColumn("y", [0, 1, 1, 0]), new NumericColumn("x", [1, 2, 3, 4])]);
        var data = LabelledCsv.Prepare(table, new LabelledCsvOptions { LabelColumn = "y", PositiveValue = "1.0" });
        Assert.Equal([0.0, 1.0, 1.0, 0.0], data.Labels);
        Assert.Equal(["x"], data.NumericFeatures);
    }

    [Fact]
    public void Prepare_TextLabel_TrimmedCaseInsensitive()
    {
        var table = new ColumnTable([new TextColumn("Churn", [" yes", "No", "YES "]), new NumericColumn("x", [1, 2, 3])]);
        Assert.Equal([1.0, 0.0, 1.0], LabelledCsv.Prepare(table, Churn("Yes")).Labels);
    }

    [Fact]
    public void Prepare_MissingLabelColumn_ThrowsListingColumns()
    {
        var table = new ColumnTable([new TextColumn("churn", ["a", "b"]), new NumericColumn("x", [1, 2])], "f.csv");
        var ex = Assert.Throws<ChurnDataException>(() => LabelledCsv.Prepare(table, Churn()));
        Assert.Equal("Churn", ex.Column);
        Assert.Equal("f.csv", ex.File);
        Assert.Contains("Did you mean: 'churn'", ex.Message);
        Assert.Contains("'x'", ex.Message);
    }

    [Fact]
    public void Prepare_PositiveValueAbsent_ThrowsListingValues()
    {
        var table = new ColumnTable([new TextColumn("Churn", ["False", "True", "False"]), new NumericColumn("x", [1, 2, 3])]);
        var ex = Assert.Throws<ChurnDataException>(() => LabelledCsv.Prepare(table, Churn("1")));
        Assert.Equal("1", ex.Value);
        Assert.Contains("does not occur", ex.Message);
        Assert.Contains("'False', 'True'", ex.Message);
    }

    [Fact]
    public void Prepare_PositiveValueNotNumberForNumericLabel_Throws()
    {
        var table = new ColumnTable([new NumericColumn("y", [0, 1]), new NumericColumn("x", [1, 2])]);
        var ex = Assert.Throws<ChurnDataException>(() => LabelledCsv.Prepare(table, new LabelledCsvOptions { LabelColumn = "y", PositiveValue = "yes" }));
        Assert.Contains("not a number", ex.Message);
        Assert.Contains("'0', '1'", ex.Message);
    }

    [Fact]
    public void Prepare_ManyLabelValues_ListsAtMostTwenty()
    {
        var values = Enumerable.Range(0, 30).Select(i => (double)i).ToArray();
        var table = new ColumnTable([new NumericColumn("y", values), new NumericColumn("x", values)]);
        var ex = Assert.Throws<ChurnDataException>(() => LabelledCsv.Prepare(table, new LabelledCsvOptions { LabelColumn = "y", PositiveValue = "99" }));
        Assert.Contains("'19'", ex.Message);
        Assert.DoesNotContain("'20'", ex.Message);
        Assert.Contains("(30 in all)", ex.Message);
    }

    [Fact]
    public void Prepare_OnlyOneClass_Throws()
    {
        var table = new ColumnTable([new TextColumn("Churn", ["True", "True"]), new NumericColumn("x", [1, 2])]);
        var ex = Assert.Throws<ChurnDataException>(() => LabelledCsv.Prepare(table, Churn()));
        Assert.Contains("only one class", ex.Message);
    }

    [Fact]
    public void Prepare_BlankLabel_ThrowsNamingFileRowAndLine()
    {
        using var csv = new TempCsv("x,Churn\n1,True\n2,\n3,False\n");
        var ex = Assert.Throws<ChurnDataException>(() => LabelledCsv.Load(csv.FilePath, Churn()));
        Assert.Equal((csv.FilePath, 2, 3, "Churn"), (ex.File, ex.Row!.Value, ex.Line!.Value, ex.Column));
        Assert.Contains("row 2", ex.Message);
        Assert.Contains("label is blank", ex.Message);
    }

    [Fact]
    public void Prepare_IdLikeAndConstantColumns_ExcludedWithWarnings()
    {
        const int n = 40;
        var table = new ColumnTable(
        [
            new TextColumn("customer_id", Enumerable.Range(0, n).Select(i => "C" + i).ToArray()),
            new NumericColumn("phone", Enumerable.Range(0, n).Select(i => 5550000.0 + i).ToArray()),
            new TextColumn("email", Enumerable.Range(0, n).Select(i => "u" + (i % 30)).ToArray()),
            new NumericColumn("const", Enumerable.Repeat(7.0, n).ToArray()),
            new NumericColumn("minutes", Enumerable.Range(0, n).Select(i => i + 0.5).ToArray()),
            new NumericColumn("calls", Enumerable.Range(0, n).Select(i => (double)(i % 5)).ToArray()),
            new TextColumn("Churn", Enumerable.Range(0, n).Select(i => i % 4 == 0 ? "True" : "False").ToArray()),
        ]);
        var data = LabelledCsv.Prepare(table, Churn());
        Assert.Equal(["minutes", "calls"], data.Features.ColumnNames);
        Assert.Equal(["customer_id", "phone", "email", "const"], data.ExcludedColumns.Select(e => e.Column));
        Assert.Contains(data.Warnings, w => w.Contains("'customer_id' excluded: identifier-like (text", StringComparison.Ordinal));
        Assert.Contains(data.Warnings, w => w.Contains("'phone' excluded: identifier-like (integer", StringComparison.Ordinal));
        Assert.Contains(data.Warnings, w => w.Contains("'email' excluded: identifier-like (text with 30 distinct values in 40 rows", StringComparison.Ordinal));
        Assert.Contains(data.Warnings, w => w.Contains("'const' excluded: constant (single value 7)", StringComparison.Ordinal));
    }

    [Fact]
    public void Prepare_BlankNumericCells_WarnsWithCount()
    {
        var table = new ColumnTable([new NumericColumn("x", [1, double.NaN, double.NaN, 4]), new TextColumn("Churn", ["True", "False", "False", "True"])]);
        var data = LabelledCsv.Prepare(table, Churn());
        Assert.Contains("Column 'x': 2 blank cell(s) of 4 will be imputed with the training median.", data.Warnings);
    }

    [Fact]
    public void Prepare_ExplicitFeatures_KeepsOrderAndRequestedColumns()
    {
        var table = new ColumnTable([new NumericColumn("a", [1, 1, 1]), new NumericColumn("b", [1, 2, 3]), new TextColumn("Churn", ["True", "False", "True"])]);
        var data = LabelledCsv.Prepare(table, Churn() with { Features = ["b", "a"] });
        Assert.Equal(["b", "a"], data.Features.ColumnNames);
        Assert.Contains(data.Warnings, w => w.Contains("'a' looks constant", StringComparison.Ordinal));
    }

    [Fact]
    public void Prepare_ExplicitFeatureMissingOrLabel_Throws()
    {
        var table = new ColumnTable([new NumericColumn("amount", [1, 2]), new TextColumn("Churn", ["True", "False"])]);
        var missing = Assert.Throws<ChurnDataException>(() => LabelledCsv.Prepare(table, Churn() with { Features = ["amount_"] }));
        Assert.Equal("amount_", missing.Column);
        Assert.Contains("'amount'", missing.Message);
        var label = Assert.Throws<ChurnDataException>(() => LabelledCsv.Prepare(table, Churn() with { Features = ["Churn"] }));
        Assert.Contains("label column cannot also be a feature", label.Message);
    }

    [Fact]
    public void Prepare_ExcludeUnknownColumn_Throws()
    {
        var table = new ColumnTable([new NumericColumn("amount", [1, 2]), new TextColumn("Churn", ["True", "False"])]);
        var ex = Assert.Throws<ChurnDataException>(() => LabelledCsv.Prepare(table, Churn() with { Exclude = ["amont"] }));
        Assert.Equal("amont", ex.Column);
        Assert.Contains("Did you mean: 'amount'", ex.Message);
    }

    [Fact]
    public void Prepare_NothingLeft_Throws()
    {
        var table = new ColumnTable([new NumericColumn("a", [1, 1]), new TextColumn("Churn", ["True", "False"])]);
        var ex = Assert.Throws<ChurnDataException>(() => LabelledCsv.Prepare(table, Churn()));
        Assert.Contains("no feature column left", ex.Message);
    }

    [Fact]
    public void Prepare_ThreeLabelValues_WarnsRestIsNegative()
    {
        var table = new ColumnTable([new TextColumn("Churn", ["a", "b", "c"]), new NumericColumn("x", [1, 2, 3])]);
        var data = LabelledCsv.Prepare(table, Churn("b"));
        Assert.Equal([0.0, 1.0, 0.0], data.Labels);
        Assert.Contains(data.Warnings, w => w.Contains("3 distinct values", StringComparison.Ordinal));
    }
}
