using Churn.Experiments.Data;

namespace Churn.Tests.Experiments.Data;

public sealed class FormattedNumbersTests
{
    [Theory]
    [InlineData("3,118.28")]
    [InlineData("1,234,567")]
    [InlineData("$12.50")]
    [InlineData("-$1,200")]
    [InlineData("74.2%")]
    [InlineData("(1,200.00)")]
    [InlineData("€ 3")]
    [InlineData("12 €")]
    [InlineData("1'234.50")]
    [InlineData("1\u00A0234")]
    public void IsFormattedNumber_DecoratedNumber_True(string cell) => Assert.True(FormattedNumbers.IsFormattedNumber(cell));

    [Theory]
    [InlineData("1234.5")] // plain: the loader reads it already
    [InlineData("12,34")] // not groups of three
    [InlineData("1,2345")]
    [InlineData("1234,567")]
    [InlineData(",123")]
    [InlineData("gold")]
    [InlineData("%")]
    [InlineData("$")]
    [InlineData("1.2.3%")]
    [InlineData("12.%")]
    [InlineData("0,123")]
    [InlineData("012,345")]
    public void IsFormattedNumber_PlainOrNotANumber_False(string cell) => Assert.False(FormattedNumbers.IsFormattedNumber(cell));

    [Fact]
    public void IsFormattedNumber_DecimalComma_DotGroupsThousands()
    {
        Assert.True(FormattedNumbers.IsFormattedNumber("3.118,28", ','));
        Assert.True(FormattedNumbers.IsFormattedNumber("1\u202F234,56", ','));
        Assert.False(FormattedNumbers.IsFormattedNumber("560 001", ',')); // a postcode, not 560,001
        Assert.False(FormattedNumbers.IsFormattedNumber("3,118.28", ','));
    }

    [Fact]
    public void Hint_ColumnOfFormattedNumbers_NamesColumnAndExample()
    {
        var hint = FormattedNumbers.Hint(new TextColumn("charges", ["3,118.28", null, "4,612.40", "12.00"]));
        Assert.NotNull(hint);
        Assert.StartsWith("Column 'charges' holds numbers written with thousands separators", hint);
        Assert.Contains("(e.g. '3,118.28')", hint);
    }

    [Fact]
    public void Hint_CategoriesOrMostlyText_Null()
    {
        Assert.Null(FormattedNumbers.Hint(new TextColumn("plan", ["gold", "basic", "$5 plan"])));
        Assert.Null(FormattedNumbers.Hint(new TextColumn("blank", [null, null])));
        // One decorated cell among plain numbers is not this case (a column of numbers is numeric already).
        Assert.Null(FormattedNumbers.Hint(new TextColumn("mixed", ["1", "2", "3", "n/a", "4%"])));
    }
}
