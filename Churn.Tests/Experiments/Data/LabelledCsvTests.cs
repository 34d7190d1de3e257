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
        Assert.Equal(["International plan", "Voice mail plan"], data.TextFeatures);
        Assert.Equal(16, data.NumericFeatures.Count);
        Assert.DoesNotContain("Churn", data.Features.ColumnNames);
        Assert.Contains(data.Warnings, w => w.Contains("'International plan' has 2 categories (No, Yes): encoded as one 0/1 feature 'International plan=Yes'", StringComparison.Ordinal));
        // 50 states and DC: one more than the default cap.
        Assert.Contains(data.Warnings, w => w.Contains("'State' has 51 categories, more than MaxCategories=50: left out", StringComparison.Ordinal));
        Assert.Equal([new ExcludedColumn("State", ExclusionKind.TooManyCategories, "too many categories (51, more than MaxCategories=50)")], data.ExcludedColumns);
    }

    [Fact]
    public void Load_BigMlMaxCategoriesRaised_KeepsState()
    {
        var data = LabelledCsv.Load(TestFiles.BigMl, Churn("true") with { MaxCategories = 51 });

        Assert.Equal(["State", "International plan", "Voice mail plan"], data.TextFeatures);
        Assert.Contains(data.Warnings, w => w.Contains("'State' one-hot encoded: 51 categories", StringComparison.Ordinal));
        Assert.Empty(data.ExcludedColumns);
    }

    private static ColumnTable CityTable(int rows, int cities) => new(
    [
        new TextColumn("city", Enumerable.Range(0, rows).Select(i => "city" + (i % cities).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray()),
        new NumericColumn("x", Enumerable.Range(0, rows).Select(i => (double)(i % 9)).ToArray()),
        new TextColumn("Churn", Enumerable.Range(0, rows).Select(i => i % 4 == 0 ? "True" : "False").ToArray()),
    ]);

    [Fact]
    public void Prepare_TextColumnAboveMaxCategories_ExcludedWithWarning()
    {
        var data = LabelledCsv.Prepare(CityTable(3000, 1200), Churn());

        Assert.Equal(["x"], data.Features.ColumnNames);
        Assert.Equal([new ExcludedColumn("city", ExclusionKind.TooManyCategories, "too many categories (1,200, more than MaxCategories=50)")], data.ExcludedColumns);
        Assert.Contains("Text column 'city' has 1,200 categories, more than MaxCategories=50: left out (one-hot encoding it would add 1,199 columns); "
            + "raise --max-categories to keep it, or group rare values first.", data.Warnings);
    }

    [Fact]
    public void Prepare_TextColumnAtMaxCategories_Kept()
    {
        var atCap = LabelledCsv.Prepare(CityTable(200, 50), Churn());
        Assert.Equal(["city"], atCap.TextFeatures);

        var below = LabelledCsv.Prepare(CityTable(200, 50), Churn() with { MaxCategories = 49 });
        Assert.Empty(below.TextFeatures);
        Assert.Equal("city", Assert.Single(below.ExcludedColumns).Column);

        var raised = LabelledCsv.Prepare(CityTable(3000, 1200), Churn() with { MaxCategories = 1200 });
        Assert.Equal(["city"], raised.TextFeatures);
    }

    [Fact]
    public void Prepare_ExplicitFeatureAboveMaxCategories_ThrowsWithTheReason()
    {
        var ex = Assert.Throws<ChurnDataException>(() => LabelledCsv.Prepare(CityTable(3000, 1200), Churn() with { Features = ["x", "city"] }));

        Assert.Equal("city", ex.Column);
        Assert.Equal("'city' has 1,200 categories, more than MaxCategories=50 (one-hot encoding it would add 1,199 columns); "
            + "raise --max-categories to keep it, or group rare values first.", ex.Problem);
    }

    [Fact]
    public void Prepare_BlankCellsAreNotCategories()
    {
        var table = new ColumnTable(
        [
            new TextColumn("c", ["a", " ", "b", "", null, " a"]),
            new TextColumn("Churn", ["True", "False", "True", "False", "True", "False"]),
        ]);
        Assert.Equal(["c"], LabelledCsv.Prepare(table, Churn() with { MaxCategories = 2 }).TextFeatures);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-5)]
    public void Validate_MaxCategoriesBelowTwo_ThrowsQuotingValue(int value)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => (Churn() with { MaxCategories = value }).Validate());
        Assert.Equal("MaxCategories", ex.ParamName);
        Assert.Contains("MaxCategories=" + value.ToString(System.Globalization.CultureInfo.InvariantCulture) + " must be >= 2", ex.Message);
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
        Assert.Equal([ExclusionKind.Identifier, ExclusionKind.Identifier, ExclusionKind.Identifier, ExclusionKind.Constant],
            data.ExcludedColumns.Select(e => e.Kind));
        Assert.Equal(["customer_id", "phone", "email"], data.IdentifierColumns);
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
        Assert.Contains("no feature column left besides the label: 'a' constant (single value 1).", ex.Message);
        Assert.Contains("--features", ex.Message);
    }

    [Fact]
    public void Prepare_TextColumnOfFormattedNumbers_WarnsItIsNumbersReadAsText()
    {
        var table = new ColumnTable([new TextColumn("charges", ["1,200.50", "980.00", "2,310.75", "15.20"]),
            new NumericColumn("x", [1, 2, 3, 5]), new TextColumn("Churn", ["True", "False", "True", "False"])]);
        var data = LabelledCsv.Prepare(table, Churn());
        Assert.Contains(data.Warnings, w => w.StartsWith("Column 'charges' holds numbers written with thousands separators", StringComparison.Ordinal));

        var excludedByRequest = LabelledCsv.Prepare(table, Churn() with { Exclude = ["charges"] });
        Assert.DoesNotContain(excludedByRequest.Warnings, w => w.Contains("thousands separators", StringComparison.Ordinal));
    }

    [Fact]
    public void Prepare_OnlyAnIdentifierLikeColumn_NamesItAndHowToKeepIt()
    {
        var rows = Enumerable.Range(1, 200).ToArray();
        var table = new ColumnTable([new NumericColumn("days", rows.Select(r => (double)r).ToArray()),
            new TextColumn("Churn", rows.Select(r => r % 3 == 0 ? "True" : "False").ToArray())]);
        var ex = Assert.Throws<ChurnDataException>(() => LabelledCsv.Prepare(table, Churn()));
        Assert.Contains("'days' identifier-like", ex.Message);

        var kept = LabelledCsv.Prepare(table, Churn() with { Features = ["days"] });
        Assert.Equal(["days"], kept.NumericFeatures);
    }

    [Fact]
    public void Prepare_ThreeLabelValues_WarnsRestIsNegative()
    {
        var table = new ColumnTable([new TextColumn("Churn", ["a", "b", "c"]), new NumericColumn("x", [1, 2, 3])]);
        var data = LabelledCsv.Prepare(table, Churn("b"));
        Assert.Equal([0.0, 1.0, 0.0], data.Labels);
        Assert.Contains(data.Warnings, w => w.Contains("3 distinct values", StringComparison.Ordinal));
    }

    [Fact]
    public void Prepare_SharedLabelStringsWithCaseAndSpaces_LabelsAndListsValuesAsPerCell()
    {
        // Label cells share string objects (the loader pools them) and differ in case and spaces: each object's
        // label, and the first spelling of each case-insensitive value in the warning, as when every cell was read.
        string[] pool = ["No", " yes", "YES ", "maybe", "no", "Yes"];
        var random = new Random(7);
        var cells = Enumerable.Range(0, 500).Select(_ => pool[random.Next(pool.Length)]).ToArray();
        var table = new ColumnTable([new TextColumn("Churn", cells), new NumericColumn("x", Enumerable.Range(0, 500).Select(i => (double)(i % 7)).ToArray())]);
        var data = LabelledCsv.Prepare(table, Churn("yes"));
        Assert.Equal(cells.Select(c => string.Equals(c.Trim(), "yes", StringComparison.OrdinalIgnoreCase) ? 1.0 : 0.0), data.Labels);
        var expected = string.Join(", ", cells.Select(c => c.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).Select(v => "'" + v + "'"));
        Assert.Contains(data.Warnings, w => w.Contains("3 distinct values (" + expected + ")", StringComparison.Ordinal));
    }

    [Fact]
    public void Prepare_FewWidelySpacedWholeNumbers_HintsItMayBeACategory()
    {
        var data = LabelledCsv.Load(TestFiles.BigMl, Churn() with { Exclude = ["State"] });

        Assert.Contains(data.Warnings, w => w.StartsWith("Column 'Area code' holds only 3 distinct whole numbers (408, 415, 510)", StringComparison.Ordinal)
            && w.Contains("--exclude 'Area code'", StringComparison.Ordinal));
        // Counts that fill their range are quantities, not codes.
        Assert.DoesNotContain(data.Warnings, w => w.Contains("'Customer service calls' holds only", StringComparison.Ordinal));
    }

    [Fact]
    public void Prepare_SemicolonFileWithDecimalCommas_KeepsNumericColumnsAndSaysHowItReadThem()
    {
        using var temp = new Churn.Tests.Experiments.Commands.TempFolder();
        var path = temp.Write("semi.csv", SemicolonDecimalComma(File.ReadAllText(TestFiles.BigMl)));

        var semi = LabelledCsv.Load(path, Churn() with { Exclude = ["State"] });
        var plain = LabelledCsv.Load(TestFiles.BigMl, Churn() with { Exclude = ["State"] });

        Assert.Equal(plain.NumericFeatures, semi.NumericFeatures);
        Assert.Equal(plain.Features.Numeric("Total day minutes").Values, semi.Features.Numeric("Total day minutes").Values);
        Assert.Contains(semi.Warnings, w => w.StartsWith("Numbers read with a decimal comma (detected: '265,1' in column 'Total day minutes'", StringComparison.Ordinal));
        Assert.DoesNotContain(semi.Warnings, w => w.Contains("identifier-like", StringComparison.Ordinal));
    }

    /// <summary>The same table as a European Excel export: ';' between fields, ',' as the decimal separator.</summary>
    internal static string SemicolonDecimalComma(string csv) =>
        string.Join("\n", csv.Split('\n').Select(line => line.Replace(',', ';').Replace('.', ',')));
}
