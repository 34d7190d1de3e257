using Churn.Algorithms.Additive;

namespace Churn.Experiments.Modeling;

/// <summary>A term's kind in one word, as the console and the reports show it.</summary>
public static class AdditiveTermKind
{
    public static string Of(AdditiveTerm term) => term switch
    {
        SplineTerm => "spline",
        StepTerm s => s.Levels.Count == 2 ? "flag" : "step",
        LinearTerm => "linear",
        IndicatorTerm => "categories",
        PairTerm => "pair",
        _ => term.GetType().Name,
    };
}
