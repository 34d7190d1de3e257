using Churn.Algorithms.Additive;

namespace Churn.Experiments.Modeling;

/// <summary>An additive model's basis in a model file: its input width and its terms.</summary>
internal sealed record BasisDto(int Inputs, TermDto[] Terms);

/// <summary>
/// One term: kind "spline" (knots = the full knot vector), "step" (levels), "linear", "indicators"
/// (columns = names), or "pair" (first and second are its marginals).
/// </summary>
internal sealed record TermDto(string Kind, string Name, int[]? Inputs, string[]? Columns, int? Degree, string? Placement,
    double[]? Knots, double[]? Levels, TermDto? First, TermDto? Second);

/// <summary>Writes and reads <see cref="AdditiveBasis"/> terms for <see cref="ModelFile"/>.</summary>
internal static class AdditiveTermFile
{
    public static BasisDto ToDto(AdditiveBasis basis) => new(basis.InputCount, basis.Terms.Select(ToDto).ToArray());

    public static AdditiveBasis FromDto(BasisDto dto) =>
        new(dto.Inputs, (dto.Terms ?? throw new ModelFileException("required field 'basis.terms' is missing.")).Select(FromDto).ToArray());

    private static TermDto ToDto(AdditiveTerm term) => term switch
    {
        SplineTerm s => new("spline", s.Name, s.Inputs.ToArray(), null, s.Basis.Degree, s.Basis.Placement, s.Basis.Knots.ToArray(), null, null, null),
        StepTerm s => new("step", s.Name, s.Inputs.ToArray(), null, null, null, null, s.Levels.ToArray(), null, null),
        LinearTerm l => new("linear", l.Name, l.Inputs.ToArray(), null, null, null, null, null, null, null),
        IndicatorTerm i => new("indicators", i.Name, i.Inputs.ToArray(), i.ColumnNames.ToArray(), null, null, null, null, null, null),
        PairTerm p => new("pair", p.Name, null, null, null, null, null, null, ToDto(p.First), ToDto(p.Second)),
        _ => throw new ArgumentException("unknown term type " + term.GetType().Name),
    };

    private static AdditiveTerm FromDto(TermDto dto)
    {
        int Input() => dto.Inputs is [var only] ? only : throw new ModelFileException("term '" + dto.Name + "' needs exactly one input.");
        return dto.Kind switch
        {
            "spline" => new SplineTerm(dto.Name, Input(), BSplineBasis.FromKnots(
                dto.Knots ?? throw Missing(dto, "knots"), dto.Degree ?? throw Missing(dto, "degree"), dto.Placement ?? "quantile")),
            "step" => new StepTerm(dto.Name, Input(), dto.Levels ?? throw Missing(dto, "levels")),
            "linear" => new LinearTerm(dto.Name, Input()),
            "indicators" => new IndicatorTerm(dto.Name, dto.Inputs ?? throw Missing(dto, "inputs"), dto.Columns ?? throw Missing(dto, "columns")),
            "pair" => new PairTerm(FromDto(dto.First ?? throw Missing(dto, "first")), FromDto(dto.Second ?? throw Missing(dto, "second"))),
            _ => throw new ModelFileException("term '" + dto.Name + "' has unknown kind '" + dto.Kind + "'; expected spline, step, linear, indicators or pair."),
        };
    }

    private static ModelFileException Missing(TermDto dto, string field) =>
        new("term '" + dto.Name + "' (" + dto.Kind + ") lacks '" + field + "'.");
}
