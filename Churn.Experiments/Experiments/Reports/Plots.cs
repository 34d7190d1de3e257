using ScottPlot;

namespace Churn.Experiments.Experiments.Reports;

/// <summary>House style for report figures: fixed size, DejaVu Sans (present on a headless Debian machine), PNG.</summary>
public static class Plots
{
    public const int Width = 800;
    public const int Height = 500;

    static Plots()
    {
        Fonts.Default = "DejaVu Sans";
    }

    /// <summary>A new plot with title and axis labels set; every report figure starts here.</summary>
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }

    /// <summary>Saves at the house size; returns the action form <see cref="ReportBuilder.Figure"/> takes (which writes it atomically).</summary>
    public static Action<string> Saver(Plot plot, int width = Width, int height = Height) =>
        path => plot.SavePng(path, width, height);
}
