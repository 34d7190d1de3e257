using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Churn.Experiments.Commands;
using Churn.Experiments.Data;
using Churn.Experiments.Modeling;
using Churn.Tests.Experiments.Commands;

namespace Churn.Tests.Experiments.Modeling;

public sealed class FeaturePipelineTests
{
    private static FeaturePipeline FitText(params string?[] values) =>
        FeaturePipeline.Fit(new ColumnTable([new TextColumn("c", values)]), [], ["c"]);

    [Theory]
    [InlineData("Yes", "No", "Yes")]
    [InlineData("Zebra", "Yes", "Yes")]
    [InlineData("true", "false", "true")]
    [InlineData("1", "2", "1")]
    [InlineData("B", "A", "B")]
    [InlineData("north", "south", "south")]
    public void Fit_TwoCategories_EncodesTheOneHotEncoderBinaryCategory(string first, string second, string kept)
    {
        var pipeline = FitText(first, second, first, null);

        var feature = Assert.Single(pipeline.Categorical);
        Assert.Equal(kept, feature.Categories[1]);
        Assert.Equal(feature.Categories[0], first == kept ? second : first);
        // The blank cell is a level of its own, after the categories the encoder found.
        Assert.Equal(["c=" + kept, "c=(blank)"], pipeline.EncodedNames);
        var encoder = Churn.Algorithms.Preprocessing.OneHotEncoder.Fit([first, second], "c", binaryAsSingleColumn: true);
        Assert.Equal([.. encoder.FeatureNames, "c=(blank)"], pipeline.EncodedNames);
    }

    [Fact]
    public void Fit_ThreeCategories_OrdinalFirstIsReference()
    {
        var pipeline = FitText("b", "c", "a", "b");

        Assert.Equal(["a", "b", "c"], pipeline.Categorical[0].Categories);
        Assert.Equal(["c=b", "c=c"], pipeline.EncodedNames);
    }

    [Fact]
    public void Transform_YesZebra_KeptCategoryIsOneReferenceBlankAndUnseenAreZero()
    {
        var pipeline = FitText("Zebra", "Yes");
        var table = new ColumnTable([new TextColumn("c", ["Yes", "Zebra", null, "Maybe", " Yes "])]);

        Assert.Equal([1.0, 0.0, 0.0, 0.0, 1.0], pipeline.Transform(table).Column(0).ToArray());
        Span<double> row = stackalloc double[1];
        pipeline.EncodeRow(_ => double.NaN, _ => "Yes", row);
        Assert.Equal(1.0, row[0]);
        pipeline.EncodeRow(_ => double.NaN, _ => "Zebra", row);
        Assert.Equal(0.0, row[0]);
    }

    [Fact]
    public void Train_TwoCategoryTextColumns_WarningNamesTheModelColumn()
    {
        using var temp = new TempFolder();
        var csv = new StringBuilder("x,yn,tf,yz,ab,churn\n");
        for (var i = 0; i < 60; i++)
            csv.Append(string.Format(CultureInfo.InvariantCulture, "{0},{1},{2},{3},{4},{5}\n", i % 7 + 0.5 * (i % 3),
                i % 2 == 0 ? "Yes" : "No", i % 3 == 0 ? "True" : "False", i % 5 < 2 ? "Yes" : "Zebra", i % 4 < 3 ? "A" : "B",
                (i * 7 + i / 5) % 3 == 0 ? 1 : 0));
        var path = temp.Write("two.csv", csv.ToString());

        var data = TrainingDataLoader.Load(path, "churn", "1", [], null);
        var model = ChurnTrainer.Train(data, new ChurnTrainingOptions(), "test").Model;

        var stated = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var warning in data.Warnings)
        {
            var match = Regex.Match(warning, "^Text column '(?<column>[^']+)' has 2 categories \\(.*\\): encoded as one 0/1 feature '(?<feature>[^']+)'\\.$");
            if (match.Success) stated[match.Groups["column"].Value] = match.Groups["feature"].Value;
        }
        Assert.Equal(["ab", "tf", "yn", "yz"], stated.Keys.Order(StringComparer.Ordinal));
        foreach (var feature in stated.Values) Assert.Contains(feature, model.ColumnNames);
        Assert.Equal(["x", "yn=Yes", "tf=True", "yz=Yes", "ab=B"], model.ColumnNames);

        // The reference-first order is what model files store, so a loaded model encodes the same column.
        ModelFile.Save(model, temp.File("m.json"));
        var loaded = ModelFile.Load(temp.File("m.json"));
        Assert.Equal(["Zebra", "Yes"], loaded.Features.Categorical.Single(c => c.Name == "yz").Categories);
        Assert.Equal(model.ColumnNames, loaded.ColumnNames);
    }

    [Fact]
    public void Transform_BlankInTraining_BlankIsItsOwnLevelNotTheReference()
    {
        var pipeline = FitText("asked for discount", "no", null, "no", " ");
        var table = new ColumnTable([new TextColumn("c", ["asked for discount", null, "no"])]);

        var feature = Assert.Single(pipeline.Categorical);
        Assert.Equal("asked for discount", feature.Reference);
        Assert.True(feature.HasBlankLevel);
        var x = pipeline.Transform(table);
        Assert.Equal(["c=no", "c=(blank)"], pipeline.EncodedNames);
        Assert.Equal([0.0, 0.0], x.Row(0).ToArray());
        Assert.Equal([0.0, 1.0], x.Row(1).ToArray());
        // The row encoder (predict, HTTP) gives the blank the same level as the table encoder.
        Span<double> row = stackalloc double[2];
        pipeline.EncodeRow(_ => double.NaN, _ => null, row);
        Assert.Equal([0.0, 1.0], row.ToArray());
        Assert.Empty(pipeline.UnseenCounts(table));
    }

    [Fact]
    public void UnseenCounts_BlankWhenTrainingHadNone_CountsAsUnseen()
    {
        var pipeline = FitText("a", "b", "c");
        var table = new ColumnTable([new TextColumn("c", ["a", null, "z"])]);

        Assert.Equal(2, pipeline.UnseenCounts(table)["c"]);
    }

    [Fact]
    public void Fit_LiteralBlankLevelText_IsRefusedNamingTheColumn()
    {
        var ex = Assert.Throws<ChurnDataException>(() => FitText("(blank)", "x", "y"));
        Assert.Equal("c", ex.Column);
    }

    [Fact]
    public void EnsureDesignFits_TenThousandCategories_RefusesNamingColumnAndSizes()
    {
        var values = Enumerable.Range(0, 20_000).Select(i => "city" + (i % 10_000).ToString(CultureInfo.InvariantCulture)).ToArray();
        var pipeline = FitText(values);

        var ex = Assert.Throws<ChurnDataException>(() => pipeline.EnsureDesignFits(values.Length));
        Assert.Contains("20,000 rows x 9,999 columns", ex.Message);
        Assert.Contains("text column 'c' alone adds 9,999", ex.Message);
        Assert.Contains("--max-categories", ex.Message);
        FitText("a", "b", "c").EnsureDesignFits(1_000_000);
    }

    [Fact]
    public void Transform_ManyRowBlocks_SameCellsAsEncodingRowByRow()
    {
        const int n = 200_003; // four blocks of rows, the last one short
        var random = new Random(3);
        var table = new ColumnTable([
            new NumericColumn("a", Enumerable.Range(0, n).Select(i => i % 17 == 0 ? double.NaN : random.NextDouble() * 100).ToArray()),
            new TextColumn("plan", Enumerable.Range(0, n).Select(i => i % 11 == 0 ? null : "p" + random.Next(4)).ToArray()),
        ]);
        var pipeline = FeaturePipeline.Fit(table, ["a"], ["plan"]);

        var x = pipeline.Transform(table);

        var rows = pipeline.Rows(table);
        var expected = new double[pipeline.EncodedCount];
        for (var i = 0; i < n; i++)
        {
            pipeline.EncodeRow(rows(i), expected);
            for (var j = 0; j < expected.Length; j++)
                Assert.True(BitConverter.DoubleToInt64Bits(expected[j]) == BitConverter.DoubleToInt64Bits(x[i, j]), "row " + i + ", column " + j);
        }
    }

    [Fact]
    public void Transform_PooledStringsWithSpacesBlanksAndUnseen_SameCellsAsEncodingRowByRow()
    {
        // Shared string objects, as the loader pools them: the per-object lookup must give each its own index.
        string?[] pool = ["p1", " p1", "p2 ", "p3", "", "   ", null, "zz"];
        const int n = 70_001;
        var random = new Random(5);
        var train = new ColumnTable([new TextColumn("plan", Enumerable.Range(0, n).Select(i => pool[random.Next(7)]).ToArray())]);
        var test = new ColumnTable([new TextColumn("plan", Enumerable.Range(0, n).Select(i => pool[random.Next(pool.Length)]).ToArray())]);
        var pipeline = FeaturePipeline.Fit(train, [], ["plan"]);

        var x = pipeline.Transform(test);

        var rows = pipeline.Rows(test);
        var expected = new double[pipeline.EncodedCount];
        for (var i = 0; i < n; i++)
        {
            pipeline.EncodeRow(rows(i), expected);
            for (var j = 0; j < expected.Length; j++)
                Assert.True(BitConverter.DoubleToInt64Bits(expected[j]) == BitConverter.DoubleToInt64Bits(x[i, j]), "row " + i + ", column " + j);
        }
    }
}
