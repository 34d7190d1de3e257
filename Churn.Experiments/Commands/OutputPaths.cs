namespace Churn.Experiments.Commands;

/// <summary>Refuses an output path that would overwrite one of the command's own inputs.</summary>
public static class OutputPaths
{
    public static void EnsureDistinct(string output, params (string Option, string Path)[] inputs)
    {
        var target = Path.GetFullPath(output);
        foreach (var (option, path) in inputs)
            if (string.Equals(target, Path.GetFullPath(path), StringComparison.Ordinal))
                throw new UsageException("--out '" + output + "' is the same file as " + option + "; writing it would destroy the input. Choose another --out.");
    }
}
