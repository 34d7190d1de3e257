using Churn.Algorithms.Preprocessing;

namespace Churn.Tests.Algorithms.Preprocessing;

[Trait("Kind", "Numeric")]
public sealed class OneHotEncoderTests
{
    [Fact]
    public void Fit_Values_CategoriesSortedOrdinalTrimmedBlanksIgnored()
    {
        var model = OneHotEncoder.Fit(["KS", " OH", "AL", null, "  ", "KS", "al"], "State");
        Assert.Equal(["AL", "KS", "OH", "al"], model.Categories);
        Assert.Equal(["State=AL", "State=KS", "State=OH", "State=al"], model.FeatureNames);
        Assert.Equal(4, model.FeatureCount);
    }

    [Fact]
    public void Encode_KnownBlankAndUnseen_OneHotOrZerosAndCountsUnseen()
    {
        var model = OneHotEncoder.Fit(["b", "a", "c"], "x");
        Assert.Equal([0.0, 1.0, 0.0], model.Encode(" b "));
        Assert.Equal([0.0, 0.0, 0.0], model.Encode(null));
        Assert.Equal([0.0, 0.0, 0.0], model.Encode("zzz"));
        Assert.Equal([0.0, 0.0, 0.0], model.Encode("B"));
        Assert.Equal(2, model.UnseenCount);
    }

    [Fact]
    public void Fit_BinaryAsSingleColumn_KeepsPositiveLookingCategory()
    {
        var yesNo = OneHotEncoder.Fit(["No", "Yes", "No"], "International plan", binaryAsSingleColumn: true);
        Assert.True(yesNo.IsBinary);
        Assert.Equal(["International plan=Yes"], yesNo.FeatureNames);
        Assert.Equal([1.0], yesNo.Encode("Yes"));
        Assert.Equal([0.0], yesNo.Encode("No"));
        Assert.Equal(0, yesNo.UnseenCount); // "No" is a known category, not unseen

        var trueFalse = OneHotEncoder.Fit(["true", "false"], "flag", binaryAsSingleColumn: true);
        Assert.Equal(["flag=true"], trueFalse.FeatureNames);

        var other = OneHotEncoder.Fit(["north", "south"], "region", binaryAsSingleColumn: true);
        Assert.Equal(["region=south"], other.FeatureNames);
    }

    [Fact]
    public void Fit_ThreeCategoriesWithBinaryOption_StillFullOneHot()
    {
        var model = OneHotEncoder.Fit(["a", "b", "c"], "x", binaryAsSingleColumn: true);
        Assert.False(model.IsBinary);
        Assert.Equal(3, model.FeatureCount);
    }

    [Fact]
    public void EncodeAll_Values_MatrixRows()
    {
        var model = OneHotEncoder.Fit(["a", "b"], "x");
        var m = model.EncodeAll(["b", "a", null]);
        Assert.Equal(new[,] { { 0.0, 1.0 }, { 1.0, 0.0 }, { 0.0, 0.0 } }, m.ToArray());
    }

    [Fact]
    public void Encode_WrongDestinationLength_Throws()
    {
        var model = OneHotEncoder.Fit(["a", "b"], "x");
        var ex = Assert.Throws<ArgumentException>(() => model.Encode("a", new double[3]));
        Assert.Contains("encodes to 2", ex.Message);
    }

    [Fact]
    public void FromParameters_RoundTripsFittedModel()
    {
        var fitted = OneHotEncoder.Fit(["No", "Yes"], "vm", binaryAsSingleColumn: true);
        var restored = OneHotEncoderModel.FromParameters(fitted.ColumnName, fitted.Categories, fitted.EncodedCategories);
        Assert.Equal(fitted.FeatureNames, restored.FeatureNames);
        Assert.Equal(fitted.Encode("Yes"), restored.Encode("Yes"));
        Assert.Throws<ArgumentException>(() => OneHotEncoderModel.FromParameters("x", ["a", "a"]));
        Assert.Throws<ArgumentException>(() => OneHotEncoderModel.FromParameters("x", ["a"], ["b"]));
    }
}
