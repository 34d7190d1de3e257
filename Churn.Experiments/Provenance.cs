using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;

namespace Churn.Experiments;

/// <summary>What a result was computed from: code commit, data hashes, library versions.</summary>
public static class Provenance
{
    private static readonly Lazy<string> Commit = new(ReadCommit);

    /// <summary>The git commit of the working tree ("+dirty" when it has uncommitted changes), or "unknown".</summary>
    public static string CodeVersion => Commit.Value;

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Versions of the libraries that compute our numbers (the reports add their plotting library).</summary>
    public static IReadOnlyDictionary<string, string> LibraryVersions() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["dotnet"] = Environment.Version.ToString(),
        ["MathNet.Numerics"] = VersionOf(typeof(MathNet.Numerics.LinearAlgebra.Matrix<double>).Assembly),
        ["CsvHelper"] = VersionOf(typeof(CsvHelper.CsvReader).Assembly),
    };

    public static string VersionOf(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (informational is not null)
        {
            var plus = informational.IndexOf('+');
            return plus > 0 ? informational[..plus] : informational;
        }
        return assembly.GetName().Version?.ToString() ?? "unknown";
    }

    private static string ReadCommit()
    {
        var sha = Git("rev-parse HEAD");
        if (string.IsNullOrEmpty(sha)) return "unknown";
        // Generated reports live in the tree; they must not mark the code as dirty.
        var status = Git("status --porcelain --untracked-files=no -- . :(exclude)reports :(exclude)artifacts");
        return string.IsNullOrEmpty(status) ? sha : sha + "+dirty";
    }

    private static string? Git(string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = RepositoryRoot() ?? Environment.CurrentDirectory,
            };
            using var process = Process.Start(start);
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit(5000);
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // git not installed
        }
    }

    /// <summary>The folder holding Churn.sln, searched upwards from the binary and the working directory.</summary>
    public static string? RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Churn.sln"))) return dir.FullName;
        }
        return null;
    }
}
