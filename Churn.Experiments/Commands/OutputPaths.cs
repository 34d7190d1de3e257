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

    /// <summary>Writes <paramref name="output"/> through a temporary file, so it is whole or absent (a failed run leaves nothing behind).</summary>
    public static T WriteWhole<T>(string output, Func<TextWriter, T> write)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(output));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var temporary = output + ".tmp";
        try
        {
            T result;
            using (var writer = new StreamWriter(temporary)) result = write(writer);
            File.Move(temporary, output, overwrite: true);
            return result;
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
