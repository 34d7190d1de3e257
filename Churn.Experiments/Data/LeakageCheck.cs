namespace Churn.Experiments.Data;

/// <summary>Guards against features taken from the month that defines the label.</summary>
public static class LeakageCheck
{
    /// <summary>
    /// Throws <see cref="ChurnDataException"/> naming every feature whose month (see <see cref="TelecomSchema.MonthOf"/>:
    /// suffix _6.._9 or jun..sep_vbc_3g) is <paramref name="labelMonth"/>.
    /// </summary>
    public static void EnsureNoColumnsFromMonth(IEnumerable<string> featureNames, int labelMonth)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        var leaking = featureNames.Where(n => TelecomSchema.MonthOf(n) == labelMonth).ToList();
        if (leaking.Count > 0)
            throw new ChurnDataException(string.Format(System.Globalization.CultureInfo.InvariantCulture,
                "label leakage: {0} feature(s) come from month {1}, which defines the label: {2}. Drop them before training.",
                leaking.Count, labelMonth, string.Join(", ", leaking)));
    }
}
