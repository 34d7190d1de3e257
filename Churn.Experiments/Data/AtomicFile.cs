using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Churn.Experiments.Data;

/// <summary>
/// An output file that is whole or absent. <see cref="Create"/> checks the target before any work
/// (not an input, not a folder, not a device or pipe, its folder creatable and writable) and opens a
/// temporary file with a unique name beside it; <see cref="Commit"/> renames it over the target in one
/// step. Until then the target is untouched; disposing without committing deletes the temporary file,
/// so a failed run leaves nothing behind and two runs writing the same target never mix their bytes.
/// A run stopped by a signal (Ctrl+C, `timeout`, `kill`: SIGINT, SIGTERM, SIGHUP, SIGQUIT) deletes its open
/// temporary files before it ends; only SIGKILL, which no process can see, leaves one.
/// </summary>
public sealed class AtomicFile : IDisposable
{
    private readonly string role;
    private readonly string temporary;
    private bool committed;

    /// <summary>Temporary files not yet committed or deleted, for the signal handlers.</summary>
    private static readonly ConcurrentDictionary<string, byte> Pending = new(StringComparer.Ordinal);

    private static readonly Lazy<PosixSignalRegistration[]> SignalCleanup = new(() =>
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeletePending();
        // The handler does not cancel the signal: the process still ends as the signal says, without its temporaries.
        return [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT }
            .Select(signal => PosixSignalRegistration.Create(signal, _ => DeletePending()))];
    });

    /// <summary>Set by the first signal: a temporary created after it (a signal between naming and creating) is deleted at once.</summary>
    private static volatile bool signalled;

    private static void DeletePending()
    {
        signalled = true;
        foreach (var path in Pending.Keys)
        {
            try { File.Delete(path); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            Pending.TryRemove(path, out _);
        }
    }

    private AtomicFile(string name, string target, string role, string temporary, FileStream stream)
    {
        Name = name;
        Target = target;
        this.role = role;
        this.temporary = temporary;
        Stream = stream;
    }

    /// <summary>The path as the caller gave it, for messages.</summary>
    public string Name { get; }

    /// <summary>The file the output will replace (a symbolic link is followed to the file it names).</summary>
    public string Target { get; }

    /// <summary>Where to write the content; a temporary file until <see cref="Commit"/>.</summary>
    public FileStream Stream { get; }

    /// <summary>Where <see cref="Stream"/> writes; for a library that insists on writing to a path itself.</summary>
    public string TemporaryPath => temporary;

    /// <summary>
    /// Checks <paramref name="path"/> and opens the temporary file. <paramref name="role"/> names the path in
    /// messages ("--out"); <paramref name="inputs"/> are the run's inputs, which the output may never replace.
    /// </summary>
    public static AtomicFile Create(string path, string role = "--out", params (string Role, string Path)[] inputs)
    {
        var target = CheckTarget(path, role, inputs);
        var directory = Path.GetDirectoryName(target)!;
        try
        {
            Directory.CreateDirectory(directory);
            var name = Path.GetFileName(target);
            if (name.Length > 200) name = name[..200];
            var temporary = Path.Combine(directory, "." + name + "." + Guid.NewGuid().ToString("N")[..12] + ".tmp");
            // CreateNew: never opens, truncates or replaces anything that exists.
            _ = SignalCleanup.Value;
            Pending[temporary] = 0; // before the file exists, so a signal never misses it
            FileStream stream;
            try { stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16); }
            catch
            {
                Pending.TryRemove(temporary, out _);
                throw;
            }
            if (signalled)
            {
                // The process is ending on a signal that may have missed this file: take it away again.
                stream.Dispose();
                File.Delete(temporary);
                Pending.TryRemove(temporary, out _);
                throw new OperationCanceledException("stopped by a signal");
            }
            return new AtomicFile(path, target, role, temporary, stream);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new IOException(role + " '" + path + "' cannot be written: " +
                (e is UnauthorizedAccessException ? "no permission to create files in '" + directory + "'." : "'" + directory + "' does not accept new files."), e);
        }
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) as the whole of <paramref name="path"/>.</summary>
    public static void WriteAllText(string path, string text, string role = "--out", params (string Role, string Path)[] inputs)
    {
        using var file = Create(path, role, inputs);
        file.Stream.Write(new UTF8Encoding(false).GetBytes(text));
        file.Commit();
    }

    /// <summary>Lets <paramref name="write"/> write the temporary file by path (a plot library's SavePng), then commits.</summary>
    public static void WriteVia(string path, Action<string> write, string role = "--out")
    {
        using var file = Create(path, role);
        file.Stream.Dispose();
        write(file.TemporaryPath);
        file.Commit();
    }

    /// <summary>A text writer over <see cref="Stream"/> (UTF-8, no BOM); dispose it before <see cref="Commit"/>.</summary>
    public StreamWriter Writer(int bufferSize = 1 << 16) => new(Stream, new UTF8Encoding(false), bufferSize, leaveOpen: true);

    /// <summary>Flushes the content to disk and renames it over the target: readers see the old file or the new one, never a part.</summary>
    public void Commit()
    {
        if (committed) throw new InvalidOperationException("already committed");
        if (Stream.CanWrite) Stream.Flush(flushToDisk: true);
        Stream.Dispose();
        if (Kind(Target) is { } kind and not FileKind.Regular) throw NotRegular(role, Target, kind); // replaced meanwhile
        File.Move(temporary, Target, overwrite: true);
        Pending.TryRemove(temporary, out _);
        committed = true;
    }

    public void Dispose()
    {
        Stream.Dispose();
        if (committed) return;
        try { File.Delete(temporary); }
        catch (IOException) { } // nothing more we can do; the name says what it is
        catch (UnauthorizedAccessException) { }
        Pending.TryRemove(temporary, out _);
    }

    /// <summary>The full path the output will replace, or a clear refusal.</summary>
    public static string CheckTarget(string path, string role = "--out", params (string Role, string Path)[] inputs)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new IOException(role + " needs a file name.");
        // "-" means standard output to most tools; here it would quietly become a file named "-".
        if (path == "-") throw new IOException(role + " '-' would write a file named '-': outputs go to files here; give a file name (e.g. out.csv).");
        var full = Path.GetFullPath(path);
        if (path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar) || Directory.Exists(full))
            throw new IOException(role + " '" + path + "' is a folder; give a file name (e.g. " + Path.Combine(path, "out.csv") + ").");
        var target = Resolve(full);
        if (Kind(target) is { } kind and not FileKind.Regular) throw NotRegular(role, path, kind);
        foreach (var (inputRole, input) in inputs)
        {
            var inputPath = Path.GetFullPath(input);
            if (string.Equals(target, inputPath, StringComparison.Ordinal) || string.Equals(target, Resolve(inputPath), StringComparison.Ordinal))
                throw new IOException(role + " '" + path + "' is the same file as " + inputRole + "; writing it would destroy the input. Choose another " + role + ".");
        }
        for (var folder = Path.GetDirectoryName(target); !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
        {
            if (Directory.Exists(folder)) break;
            if (Kind(folder) is not null)
                throw new IOException(role + " '" + path + "' is under '" + folder + "', which is a file, not a folder.");
        }
        return target;
    }

    private static string Resolve(string full)
    {
        try
        {
            return File.ResolveLinkTarget(full, returnFinalTarget: true) is { } link ? Path.GetFullPath(link.FullName) : full;
        }
        catch (IOException)
        {
            return full; // a dangling or looping link: the rename replaces the link itself
        }
    }

    private static IOException NotRegular(string role, string path, FileKind kind) =>
        new(role + " '" + path + "' exists and is " + kind switch
        {
            FileKind.Directory => "a folder",
            FileKind.CharacterDevice => "a character device",
            FileKind.BlockDevice => "a block device",
            FileKind.Fifo => "a named pipe (FIFO)",
            FileKind.Socket => "a socket",
            _ => "not a regular file",
        } + ", not a regular file; it is left alone. Give a path to a regular file.");

    internal enum FileKind { Regular, Directory, CharacterDevice, BlockDevice, Fifo, Socket, Other }

    /// <summary>What is at <paramref name="path"/> (following links), or null when nothing is.</summary>
    internal static FileKind? Kind(string path)
    {
        if (Directory.Exists(path)) return FileKind.Directory;
        if (!File.Exists(path)) return null;
        if (!OperatingSystem.IsLinux()) return FileKind.Regular; // .NET does not expose the file type elsewhere
        // .NET reports devices and pipes as ordinary files; statx's layout is the same on every Linux architecture.
        var buffer = new byte[256];
        if (Native.statx(AtFdCwd, path, 0, StatxType, buffer) != 0) return FileKind.Regular;
        return (BitConverter.ToUInt16(buffer, 28) & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0x1000 => FileKind.Fifo,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
    }

    private const int AtFdCwd = -100;
    private const uint StatxType = 1;

    private static class Native
    {
        [DllImport("libc", SetLastError = true)]
        internal static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
    }
}
