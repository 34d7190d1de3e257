using Churn.Algorithms.Linear;

namespace Churn.Tests.Algorithms.Linear;

[Trait("Kind", "Numeric")]
public sealed class LogisticRegressionOptionsTests
{
    [Fact]
    public void Defaults_AreScikitLearnDefaults()
    {
        var o = new LogisticRegressionOptions();
        Assert.Equal(Penalty.L2, o.Penalty);
        Assert.Equal(1.0, o.C);
        Assert.True(o.FitIntercept);
        Assert.Equal(100, o.MaxIterations);
        Assert.Equal(1e-4, o.Tolerance);
        Assert.Equal(ClassWeighting.None, o.ClassWeight);
        Assert.Equal(0.999, o.CollinearityThreshold);
        o.Validate();
    }

    public static TheoryData<LogisticRegressionOptions, string, string> Invalid => new()
    {
        { new LogisticRegressionOptions { C = 0 }, "C", "C=0 must be a finite number > 0" },
        { new LogisticRegressionOptions { C = double.NaN }, "C", "C=NaN" },
        { new LogisticRegressionOptions { MaxIterations = 0 }, "MaxIterations", "MaxIterations=0 must be >= 1" },
        { new LogisticRegressionOptions { Tolerance = -1e-4 }, "Tolerance", "Tolerance=-0.0001 must be" },
        { new LogisticRegressionOptions { CollinearityThreshold = 1.5 }, "CollinearityThreshold", "CollinearityThreshold=1.5 must be > 0 and <= 1" },
        { new LogisticRegressionOptions { MaxDegreeOfParallelism = 0 }, "MaxDegreeOfParallelism", "MaxDegreeOfParallelism=0 must be -1" },
        { new LogisticRegressionOptions { Solver = (LogisticSolver)7 }, "Solver", "Unknown Solver" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_InvalidValue_ThrowsQuotingTheValue(LogisticRegressionOptions options, string parameter, string message)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression(options));
    }
}
