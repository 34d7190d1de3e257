namespace Churn.Algorithms.Linear;

/// <summary>How the penalty strength of an elastic-net fit is chosen (glmnet's parametrisation of lambda).</summary>
public enum LambdaRule
{
    /// <summary>cv.glmnet's lambda.min: the lambda with the lowest cross-validated deviance.</summary>
    Minimum,

    /// <summary>cv.glmnet's lambda.1se: the largest lambda whose CV deviance is within one standard error of the minimum.</summary>
    OneStandardError,

    /// <summary>A given lambda; no path cross-validation.</summary>
    Fixed,
}

/// <summary>The lambda rule and, for <see cref="LambdaRule.Fixed"/>, its value.</summary>
public readonly record struct LambdaSelection(LambdaRule Rule, double Value = double.NaN)
{
    public static LambdaSelection Minimum => new(LambdaRule.Minimum);

    public static LambdaSelection OneStandardError => new(LambdaRule.OneStandardError);

    public static LambdaSelection Fixed(double lambda)
    {
        if (!(lambda >= 0) || !double.IsFinite(lambda))
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda,
                "lambda=" + Guard.Describe(lambda) + " must be a finite number >= 0.");
        return new LambdaSelection(LambdaRule.Fixed, lambda);
    }

    /// <summary>"min", "1se" or a number (invariant culture), as the CLI's --lambda takes it.</summary>
    public static LambdaSelection Parse(string text) => text switch
    {
        "min" => Minimum,
        "1se" => OneStandardError,
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= 0 => Fixed(v),
        _ => throw new ArgumentException("--lambda must be min, 1se or a number >= 0 (with a '.' decimal point), got '" + text + "'."),
    };

    public override string ToString() => Rule switch
    {
        LambdaRule.Minimum => "min",
        LambdaRule.OneStandardError => "1se",
        _ => Value.ToString("R", CultureInfo.InvariantCulture),
    };
}
