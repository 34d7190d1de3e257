using Churn.Algorithms.Linear;

namespace Churn.Tests.Algorithms.Linear;

[Trait("Kind", "Numeric")]
public sealed class ElasticNetCrossValidationTests
{
    private static readonly int[] NoCharge = [0, 1, 2, 3, 4, 5, 7, 8, 10, 11, 13, 14, 16];

    private static ElasticNetCrossValidation Run(PathMeasure measure) =>
        ElasticNetCrossValidation.Run(BigmlChurnData.Instance.Columns(NoCharge), BigmlChurnData.Instance.Labels,
            new ElasticNetOptions { Tolerance = 1e-10 }, 5, 42, measure);

    [Theory]
    [InlineData(PathMeasure.Deviance)]
    [InlineData(PathMeasure.Auc)]
    public void Run_BigMl_MinIsBestAndOneSeIsLargestLambdaWithinOneStandardError(PathMeasure measure)
    {
        var cv = Run(measure);
        double Loss(int k) => measure == PathMeasure.Deviance ? cv.MeanDeviance[k] : 1 - cv.MeanAuc[k];
        var se = measure == PathMeasure.Deviance ? cv.DevianceStandardError : cv.AucStandardError;
        var best = Enumerable.Range(0, cv.Path.Count).Min(Loss);

        Assert.Equal(best, Loss(cv.IndexMin));
        Assert.All(Enumerable.Range(0, cv.IndexMin), k => Assert.True(Loss(k) > best));
        Assert.True(cv.IndexOneStandardError <= cv.IndexMin);
        Assert.True(Loss(cv.IndexOneStandardError) <= best + se[cv.IndexMin]);
        Assert.All(Enumerable.Range(0, cv.IndexOneStandardError), k => Assert.True(Loss(k) > best + se[cv.IndexMin]));
        Assert.True(cv.LambdaOneStandardError >= cv.LambdaMin);
        Assert.InRange(cv.MeanAuc[cv.IndexMin], 0.75, 0.9);
        Assert.Equal(5, cv.FoldCount);
    }

    [Fact]
    public void Run_Twice_IdenticalCurves()
    {
        var a = Run(PathMeasure.Deviance);
        var b = Run(PathMeasure.Deviance);

        Assert.Equal(a.MeanDeviance, b.MeanDeviance);
        Assert.Equal(a.MeanAuc, b.MeanAuc);
        Assert.Equal(a.IndexOneStandardError, b.IndexOneStandardError);
    }
}
