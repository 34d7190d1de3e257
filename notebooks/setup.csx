// Loaded by every notebook with `#load "setup.csx"`: references the project's Release build and makes
// SkiaSharp's native library (used by ScottPlot) loadable inside the notebook kernel.
#r "../Churn.Experiments/bin/Release/net10.0/MathNet.Numerics.dll"
#r "../Churn.Experiments/bin/Release/net10.0/CsvHelper.dll"
#r "../Churn.Experiments/bin/Release/net10.0/SkiaSharp.dll"
#r "../Churn.Experiments/bin/Release/net10.0/HarfBuzzSharp.dll"
#r "../Churn.Experiments/bin/Release/net10.0/ScottPlot.dll"
#r "../Churn.Experiments/bin/Release/net10.0/Churn.Algorithms.dll"
#r "../Churn.Experiments/bin/Release/net10.0/churn.dll"
using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.DotNet.Interactive.Formatting;

static string ChurnBinDirectory([CallerFilePath] string here = "") =>
    Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "Churn.Experiments", "bin", "Release", "net10.0"));

// A #r'd assembly is probed for native libraries only next to itself and next to dotnet-repl, never in
// runtimes/<rid>/native/ where the build puts libSkiaSharp.so, so point SkiaSharp and HarfBuzzSharp there.
foreach (var assembly in new[] { typeof(SkiaSharp.SKImageInfo).Assembly, typeof(HarfBuzzSharp.Blob).Assembly })
{
    try
    {
        NativeLibrary.SetDllImportResolver(assembly, (name, _, _) =>
        {
            var file = Path.Combine(ChurnBinDirectory(), "runtimes", RuntimeInformation.RuntimeIdentifier, "native",
                (name.StartsWith("lib", StringComparison.Ordinal) ? name : "lib" + name) + (name.EndsWith(".so", StringComparison.Ordinal) ? "" : ".so"));
            return File.Exists(file) ? NativeLibrary.Load(file) : IntPtr.Zero;
        });
    }
    catch (InvalidOperationException)
    {
        // Already set: this cell was run again in the same kernel session.
    }
}

ScottPlot.Fonts.Default = "DejaVu Sans";

// A cell ending in a Plot shows it as an inline PNG (image/png output, 600x400).
Formatter.Register<ScottPlot.Plot>(
    (plot, writer) => writer.Write(Convert.ToBase64String(plot.GetImageBytes(600, 400, ScottPlot.ImageFormat.Png))),
    "image/png");
Formatter.SetPreferredMimeTypesFor(typeof(ScottPlot.Plot), "image/png");
