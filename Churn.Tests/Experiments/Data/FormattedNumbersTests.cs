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

    [Theory]
    [InlineData("1,23,456")] // Indian grouping: lakhs and crores
    [InlineData("12,34,56,789.50")]
    [InlineData("\u20B91,23,456")]
    [InlineData("Rs. 1,23,456")]
    [InlineData("Rs 500")]
    [InlineData("INR 1,234")]
    [InlineData("-USD 12.50")]
    [InlineData("12.50 USD")]
    [InlineData("1200EUR")]
    public void IsFormattedNumber_IndianGroupingOrCurrencyCode_True(string cell) => Assert.True(FormattedNumbers.IsFormattedNumber(cell));

    [Theory]
    [InlineData("123,45,678")] // a first group of three cannot start Indian grouping
    [InlineData("1,234,56,789")] // thousands then pairs: neither convention
    [InlineData("1,23")]
    [InlineData("12,34,567,8")]
    [InlineData("NYC 101")] // three capitals are not money unless a known code
    [InlineData("INRX 12")]
    [InlineData("USD")]
    [InlineData("12 Rs.")]
    public void IsFormattedNumber_NotIndianGroupingOrCode_False(string cell) => Assert.False(FormattedNumbers.IsFormattedNumber(cell));

    [Fact]
    public void Hint_RupeeColumnInIndianGrouping_NamesColumn()
    {
        var hint = FormattedNumbers.Hint(new TextColumn("arpu", ["Rs. 1,23,456.70", "Rs. 980.00", null, "Rs. 12,40,000.00"]));
        Assert.NotNull(hint);
        Assert.Contains("Column 'arpu'", hint);
        Assert.Contains("(e.g. 'Rs. 1,23,456.70')", hint);
    }

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
