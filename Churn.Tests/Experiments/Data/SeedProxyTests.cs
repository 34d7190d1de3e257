using Churn.Experiments.Data;

namespace Churn.Tests.Experiments.Data;

public sealed class SeedProxyTests
{
    // seed_churn_labeled_data.csv prints Python's shortest round-trip repr of each double, so it holds the
    // seed's exact doubles; ours differ only by summation order (pandas vs left-to-right, up to 119 terms),
    // whose worst case is ~119 * 2^-53 * sum|x| ≈ 1.3e-14 relative. 1e-12 allows that and nothing else.
    private const double RelativeTolerance = 1e-12;

    private static readonly Lazy<ColumnTable> Raw = new(() => CsvTableReader.Read(TestFiles.Telecom1000));
    private static readonly Lazy<ColumnTable> Seed = new(() => SeedProxy.LoadSeedTable(TestFiles.Seed));

    [Fact]
    public void Compute_Telecom1000_DropsFortyColumnsAndSumsTheSeedColumnSets()
    {
        var result = SeedProxy.Compute(Raw.Value);
        Assert.Equal(40, result.DroppedColumns.Count);
        Assert.All(result.DroppedColumns, c => Assert.Equal(TelecomColumnGroup.DataRecharge, TelecomSchema.GroupOf(c)));
        Assert.Equal(119, result.MouColumns.Count);
        Assert.Equal(28, result.DataColumns.Count);
        Assert.Contains("sep_vbc_3g", result.DataColumns);
        Assert.DoesNotContain("mobile_number", result.MouColumns);
    }

    [Fact]
    public void Compute_Telecom1000_ReproducesSeedFeaturesForAll1000Rows()
    {
        var ours = SeedProxy.Compute(Raw.Value).Features;
        var seed = Seed.Value;
        var mismatches = 0;
        var maxRelative = 0.0;
        foreach (var name in new[] { "aon", "total_mou", "total_data_usage" })
        {
            var a = ours.Numeric(name).Values;
            var b = seed.Numeric(name).Values;
            for (var i = 0; i < 1000; i++)
            {
                var relative = Math.Abs(a[i] - b[i]) / Math.Max(1.0, Math.Abs(b[i]));
                maxRelative = Math.Max(maxRelative, relative);
                if (relative > RelativeTolerance) mismatches++;
            }
        }
        Assert.Equal(0, mismatches);
        Assert.True(maxRelative < RelativeTolerance, "max relative difference " + maxRelative);
        Assert.Equal(seed.Numeric("aon").Values.Take(1000), ours.Numeric("aon").Values); // integers: exact
    }

    [Fact]
    public void Compute_Telecom1000_ProxyChurnEqualsSeedChurn()
    {
        var churn = SeedProxy.Compute(Raw.Value).Churn;
        var seedChurn = Seed.Value.Numeric("churn").Values.Take(1000).ToArray();
        Assert.Equal(seedChurn, churn);
        Assert.Contains(1.0, churn); // the comparison covers both classes
    }

    [Fact]
    public void LoadSeedTable_FullFile_Has99999RowsAnd497Churners()
    {
        var seed = Seed.Value;
        Assert.Equal(99_999, seed.RowCount);
        Assert.Equal(SeedProxy.SeedColumns, seed.ColumnNames);
        Assert.Equal(497, seed.Numeric("churn").Values.Count(v => v == 1.0));
    }

    [Fact]
    public void LoadSeedTable_WrongColumns_Throws()
    {
        using var csv = new TempCsv("aon,total_mou,churn\n1,2,0\n");
        var ex = Assert.Throws<ChurnDataException>(() => SeedProxy.LoadSeedTable(csv.FilePath));
        Assert.Contains("expected exactly the columns", ex.Message);
        Assert.Equal(csv.FilePath, ex.File);
    }

    [Fact]
    public void LoadSeedTable_TextCell_ThrowsNamingRowColumnValue()
    {
        using var csv = new TempCsv("aon,total_mou,total_data_usage,segment,churn\n1,2,3,0,0\n1,x2,3,0,0\n");
        var ex = Assert.Throws<ChurnDataException>(() => SeedProxy.LoadSeedTable(csv.FilePath));
        Assert.Equal((2, "total_mou", "x2"), (ex.Row!.Value, ex.Column, ex.Value));
    }

    [Fact]
    public void Compute_SmallTable_ProxyIsStrictlyBelowFive()
    {
        var table = new ColumnTable(
        [
            new NumericColumn("mobile_number", [1, 2, 3, 4]),
            new NumericColumn("aon", [10, 20, 30, 40]),
            new NumericColumn("a_mou_6", [4.9, 5.0, double.NaN, 1]), // 25% blank: kept, blank = 0
            new NumericColumn("b_mou_7", [double.NaN, double.NaN, 100, 1]), // 50% blank: dropped
            new NumericColumn("vol_2g_mb_6", [4.9, 0, 0, 5]),
            new NumericColumn("jun_vbc_3g", [0, 0, 0, 0]),
        ]);
        var result = SeedProxy.Compute(table);
        Assert.Equal(["b_mou_7"], result.DroppedColumns);
        Assert.Equal([1.0, 0.0, 1.0, 0.0], result.Churn);
        Assert.Equal([4.9, 5.0, 0.0, 1.0], result.Features.Numeric("total_mou").Values);
        Assert.Equal([4.9, 0.0, 0.0, 5.0], result.Features.Numeric("total_data_usage").Values);
    }
}
