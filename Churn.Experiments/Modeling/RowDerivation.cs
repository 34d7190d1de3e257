namespace Churn.Experiments.Modeling;

/// <summary>How a derived model feature is computed from raw columns of the same row.</summary>
public enum DerivedKind
{
    /// <summary>Sum of the inputs, a blank input counting as 0 (the original project's fillna(0) then sum).</summary>
    Sum,

    /// <summary>inputs[0] - mean(inputs[1..]): the action-month change against the good months; blank if any input is.</summary>
    Change,
}

public sealed record DerivedColumn(string Name, DerivedKind Kind, IReadOnlyList<string> Inputs);

/// <summary>
/// Who the model was trained on: rows whose mean of <see cref="AverageOf"/> (blank = 0) is at least
/// <see cref="Minimum"/>, e.g. the case study's high-value customers. Scores outside it are extrapolations.
/// </summary>
public sealed record PopulationRule(string Description, IReadOnlyList<string> AverageOf, double Minimum)
{
    public bool Contains(Func<string, double> raw)
    {
        var sum = 0.0;
        foreach (var name in AverageOf)
        {
            var v = raw(name);
            if (!double.IsNaN(v)) sum += v;
        }
        return sum / AverageOf.Count >= Minimum;
    }
}

/// <summary>
/// Features that a model computes from raw columns (e.g. total_mou from 119 minute columns, or
/// arpu_change_8 from arpu_6/7/8), recorded in the model so that scoring a raw file computes them
/// exactly as training did, row by row. <see cref="ZeroFilled"/> lists raw columns whose blanks
/// mean zero (the cleaner's "no calls" / "no data recharge" patterns).
/// </summary>
public sealed class RowDerivation
{
    public RowDerivation(string recipe, IReadOnlyList<DerivedColumn> columns, IReadOnlyList<string> zeroFilled, PopulationRule? population = null)
    {
        Recipe = recipe;
        Population = population;
        Columns = columns.ToArray();
        ZeroFilled = zeroFilled.ToArray();
        zeroSet = new HashSet<string>(ZeroFilled, StringComparer.Ordinal);
        byName = Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    private readonly HashSet<string> zeroSet;
    private readonly Dictionary<string, DerivedColumn> byName;

    /// <summary>Name of the recipe that made the training table ("seed-proxy", "case-study").</summary>
    public string Recipe { get; }

    public IReadOnlyList<DerivedColumn> Columns { get; }

    public IReadOnlyList<string> ZeroFilled { get; }

    /// <summary>The rows the model was trained on, when the recipe selected some (null: every row).</summary>
    public PopulationRule? Population { get; }

    public bool Derives(string name) => byName.ContainsKey(name);

    /// <summary>The raw columns needed to compute <paramref name="features"/> (derived ones replaced by their inputs).</summary>
    public IReadOnlyList<string> RawInputs(IEnumerable<string> features)
    {
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in features)
            foreach (var input in byName.TryGetValue(name, out var d) ? d.Inputs : [name])
                if (seen.Add(input)) result.Add(input);
        return result;
    }

    /// <summary>A numeric accessor over model features, computed from a raw-column accessor.</summary>
    public Func<string, double> Wrap(Func<string, double> raw) => name =>
        byName.TryGetValue(name, out var derived) ? Compute(derived, new NamedInputs(this, derived, raw)) : FillBlank(name, raw(name));

    /// <summary>
    /// Model feature <paramref name="name"/> as <see cref="Wrap"/> computes it, over raw-column accessors
    /// resolved once (<paramref name="raw"/> is called here, never per row): batch scoring's path.
    /// <paramref name="inFile"/>: the file holds the feature itself, so it is read, not derived.
    /// </summary>
    public Func<double> Bind(string name, bool inFile, Func<string, Func<double>> raw)
    {
        if (ReadsRaw(name, inFile, out var zeroFilled))
        {
            var value = raw(name);
            if (!zeroFilled) return value;
            return () => FillBlank(value());
        }
        var column = byName[name];
        var inputs = new BoundInputs(column.Inputs.Select(raw).ToArray(), column.Inputs.Select(zeroSet.Contains).ToArray());
        return () => Compute(column, inputs);
    }

    /// <summary>
    /// True when <see cref="Bind"/> reads model feature <paramref name="name"/> as the raw column of that name, not
    /// derived; then <paramref name="zeroFilled"/> says whether a blank in it means 0.
    /// </summary>
    public bool ReadsRaw(string name, bool inFile, out bool zeroFilled)
    {
        zeroFilled = zeroSet.Contains(name);
        return inFile || !byName.ContainsKey(name);
    }

    /// <summary>The table with every derived column it lacks computed (and zero-filled raw columns filled).</summary>
    public ColumnTable Apply(ColumnTable raw)
    {
        var added = new List<TableColumn>();
        foreach (var column in Columns.Where(c => !raw.Contains(c.Name)))
        {
            var inputs = column.Inputs.Select(n => raw.Numeric(n).Values).ToArray();
            var values = new double[raw.RowCount];
            for (var i = 0; i < values.Length; i++)
            {
                var row = i;
                values[i] = Compute(column, new NamedInputs(this, column, name => inputs[IndexOf(column.Inputs, name)][row]));
            }
            added.Add(new NumericColumn(column.Name, values));
        }
        foreach (var name in ZeroFilled.Where(raw.Contains))
            if (raw[name] is NumericColumn numeric && numeric.MissingCount > 0)
                added.Add(new NumericColumn(name, numeric.ValuesOr(0.0)));
        return raw.With(added.ToArray());
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var k = 0; k < names.Count; k++)
            if (names[k] == name) return k;
        throw new ArgumentException("'" + name + "' is not an input of this derived column.");
    }

    /// <summary>0 for a blank in a zero-filled raw column; the value otherwise.</summary>
    public double FillBlank(string name, double value) => double.IsNaN(value) && zeroSet.Contains(name) ? 0.0 : value;

    private static double FillBlank(double value) => double.IsNaN(value) ? 0.0 : value;

    /// <summary>The inputs of one derived column by position: as read, and with a zero-filled column's blank as 0.</summary>
    private interface IInputs
    {
        double Value(int input);

        double Filled(int input);
    }

    private readonly struct NamedInputs(RowDerivation derivation, DerivedColumn column, Func<string, double> raw) : IInputs
    {
        public double Value(int input) => raw(column.Inputs[input]);

        public double Filled(int input) => derivation.FillBlank(column.Inputs[input], raw(column.Inputs[input]));
    }

    private readonly struct BoundInputs(Func<double>[] inputs, bool[] zeroFilled) : IInputs
    {
        public double Value(int input) => inputs[input]();

        public double Filled(int input) => zeroFilled[input] ? FillBlank(inputs[input]()) : inputs[input]();
    }

    private static double Compute<TInputs>(DerivedColumn column, TInputs inputs) where TInputs : struct, IInputs
    {
        switch (column.Kind)
        {
            case DerivedKind.Sum:
                var sum = 0.0;
                for (var k = 0; k < column.Inputs.Count; k++)
                {
                    var v = inputs.Value(k);
                    if (!double.IsNaN(v)) sum += v; // left to right, as training summed
                }
                return sum;
            case DerivedKind.Change:
                var current = inputs.Filled(0);
                var baseline = 0.0;
                for (var k = 1; k < column.Inputs.Count; k++) baseline += inputs.Filled(k);
                return current - baseline / (column.Inputs.Count - 1);
            default:
                throw new InvalidOperationException("Unknown derived kind " + column.Kind);
        }
    }
}
