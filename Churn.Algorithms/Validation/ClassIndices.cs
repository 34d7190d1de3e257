namespace Churn.Algorithms.Validation;

/// <summary>Row indices of each class (0 then 1), ascending, after the label checks.</summary>
internal static class ClassIndices
{
    public static (List<int> Negatives, List<int> Positives) Of(Vector<double> y)
    {
        Guard.NotNull(y, nameof(y));
        Guard.NotEmpty(y, nameof(y));
        Guard.BinaryLabels(y, nameof(y));
        var negatives = new List<int>();
        var positives = new List<int>();
        for (var i = 0; i < y.Count; i++)
            (y[i] == 1.0 ? positives : negatives).Add(i);
        return (negatives, positives);
    }
}
