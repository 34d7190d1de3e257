using Churn.Experiments.Data;

namespace Churn.Tests.Experiments.Data;

public sealed class CaseStudyFeaturesTests
{
    private static readonly Lazy<ColumnTable> Cleaned = new(() => TelecomCleaner.Clean(CsvTableReader.Read(TestFiles.Telecom1000)).Table);

    [Fact]
    public void Build_Telecom1000_UsesOnlyMonthsSixToEightAndMonthless()
    {
        var set = CaseStudyFeatures.Build(Cleaned.Value);
        var names = set.Features.ColumnNames;
        Assert.All(names, n => Assert.NotEqual(9, TelecomSchema.MonthOf(n)));
        Assert.DoesNotContain("mobile_number", names);
        Assert.DoesNotContain("circle_id", names);
        Assert.DoesNotContain("loc_og_t2o_mou", names); // constant
        Assert.DoesNotContain("std_og_t2c_mou_6", names); // constant 0
        Assert.DoesNotContain(names, n => TelecomSchema.IsDateColumn(n));
        Assert.Contains("aon", names);
        Assert.Contains("aug_vbc_3g", names);
        Assert.Contains(set.Dropped, d => d.Column == "sep_vbc_3g" && d.Reason.StartsWith("month 9", StringComparison.Ordinal));
        Assert.All(set.Features.Columns, c => Assert.IsType<NumericColumn>(c));
    }

    [Fact]
    public void Build_Telecom1000_ChangeFeaturesAreMonthEightMinusMeanOfSixAndSeven()
    {
        var set = CaseStudyFeatures.Build(Cleaned.Value);
        foreach (var baseName in CaseStudyFeatures.ChangeBaseNames)
        {
            var change = set.Features.Numeric(baseName + "_change_8").Values;
            var m6 = Cleaned.Value.Numeric(baseName + "_6").Values;
            var m7 = Cleaned.Value.Numeric(baseName + "_7").Values;
            var m8 = Cleaned.Value.Numeric(baseName + "_8").Values;
            for (var i = 0; i < change.Length; i++)
                Assert.Equal(m8[i] - (m6[i] + m7[i]) / 2, change[i]);
        }
        Assert.Equal(197.385, Cleaned.Value.Numeric("arpu_6")[0]);
    }

    [Fact]
    public void EnsureNoColumnsFromMonth_MonthNineNames_ThrowsNamingAll()
    {
        var ex = Assert.Throws<ChurnDataException>(() =>
            LeakageCheck.EnsureNoColumnsFromMonth(["arpu_8", "arpu_9", "sep_vbc_3g", "aon"], 9));
        Assert.Contains("arpu_9", ex.Message);
        Assert.Contains("sep_vbc_3g", ex.Message);
        Assert.DoesNotContain("arpu_8", ex.Message);
        Assert.Contains("2 feature(s)", ex.Message);
    }

    [Fact]
    public void EnsureNoColumnsFromMonth_CleanNames_DoesNotThrow() =>
        LeakageCheck.EnsureNoColumnsFromMonth(["arpu_8", "aug_vbc_3g", "aon", "arpu_change_8"], 9);
}
