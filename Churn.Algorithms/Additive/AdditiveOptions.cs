namespace Churn.Algorithms.Additive;

/// <summary>One source feature as the additive trainer sees it: its input columns and whether they are indicators.</summary>
/// <remarks>Name: Source feature name (the term's name).</remarks>
/// <remarks>Columns: Input-row indices: one for a numeric feature, the one-hot columns of a text feature.</remarks>
/// <remarks>Indicators: true for one-hot (text, segment) columns, kept as indicators.</remarks>
/// <remarks>ColumnNames: Names of the input columns (used for indicator terms' columns).</remarks>
public sealed record AdditiveInput(string Name, IReadOnlyList<int> Columns, bool Indicators, IReadOnlyList<string> ColumnNames);

/// <summary>Options of <see cref="AdditiveTrainer"/>.</summary>
public sealed record AdditiveOptions
{
    /// <summary>Base knots of each spline (quantiles of the training values); 8 knots give 10 cubic functions.</summary>
    public int Knots { get; init; } = 8;

    /// <summary>Base knots of each spline marginal of a pair (fewer: a pair's columns are the product).</summary>
    public int PairKnots { get; init; } = 4;

    public int Degree { get; init; } = 3;

    /// <summary>A numeric column with at most this many distinct training values gets a step per value.</summary>
    public int MaxStepLevels { get; init; } = 12;

    /// <summary>Candidate multipliers of the REML-balanced smoothing strengths, largest first (warm starts).</summary>
    public IReadOnlyList<double> SmoothingGrid { get; init; } = [3, 1, 0.3];

    /// <summary>Ridge on standardised indicator columns (scikit-learn's C = 1).</summary>
    public double Ridge { get; init; } = 1.0;

    /// <summary>Folds of the inner cross-validation that picks the smoothing strength and the number of pairs.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Pairs to keep: 0 = none, N = the N best screened, -1 = auto (chosen by CV up to <see cref="MaxInteractions"/>).</summary>
    public int Interactions { get; init; }

    public int MaxInteractions { get; init; } = 16;

    public int Seed { get; init; } = 42;

    public int MaxIterations { get; init; } = 100;

    public void Validate()
    {
        Guard.AtLeast(Knots, 3, nameof(Knots));
        Guard.AtLeast(PairKnots, 3, nameof(PairKnots));
        Guard.AtLeast(Degree, 1, nameof(Degree));
        Guard.AtLeast(MaxStepLevels, 2, nameof(MaxStepLevels));
        Guard.AtLeast(Folds, 2, nameof(Folds));
        Guard.AtLeast(MaxInteractions, 1, nameof(MaxInteractions));
        Guard.NonNegative(Ridge, nameof(Ridge));
        if (SmoothingGrid.Count == 0 || SmoothingGrid.Any(v => !(v > 0) || !double.IsFinite(v)))
            throw new ArgumentOutOfRangeException(nameof(SmoothingGrid), "SmoothingGrid needs positive finite values.");
        if (Interactions < -1)
            throw new ArgumentOutOfRangeException(nameof(Interactions), Interactions,
                "Interactions=" + Interactions.ToString(CultureInfo.InvariantCulture) + " must be -1 (auto), 0 or a count.");
    }
}
