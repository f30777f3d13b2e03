using System.Globalization;
using System.Net;
using System.Text;

namespace DataEngine.Cli.Bench;

/// <summary>Draws F1 against human labels, one line per strategy, as a self-contained SVG (no plotting library needed).</summary>
static class ActiveLearningBenchPlot
{
    const int Width = 760;
    const int Height = 460;
    const int Left = 70;
    const int Right = 190;
    const int Top = 40;
    const int Bottom = 60;

    static readonly string[] Colours = ["#444444", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];

    public static void Write(string path, IReadOnlyDictionary<string, List<(int Labels, double F1)>> curves, double target, double fullF1, int maxLabels)
    {
        var points = curves.Values.SelectMany(c => c).ToList();
        var yMin = Math.Floor(Math.Min(points.Min(p => p.F1), target) * 10) / 10;
        var xMax = Math.Max(maxLabels, points.Max(p => p.Labels));
        double X(double labels) => Left + (labels / xMax * (Width - Left - Right));
        double Y(double f1) => Top + ((1 - ((f1 - yMin) / (1 - yMin))) * (Height - Top - Bottom));

        var svg = new StringBuilder();
        void Line(FormattableString text) => svg.AppendLine(text.ToString(CultureInfo.InvariantCulture));
        Line($"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" font-family="sans-serif" font-size="12">""");
        Line($"""<rect width="{Width}" height="{Height}" fill="white"/>""");
        Line($"""<text x="{Left}" y="22" font-size="15">Light head macro-F1 on the test half against human labels (median of seeds)</text>""");

        // Axes with ticks: x every tenth of the budget (rounded), y every 0.05.
        Line($"""<line x1="{Left}" y1="{Y(yMin):0.#}" x2="{X(xMax):0.#}" y2="{Y(yMin):0.#}" stroke="black"/>""");
        Line($"""<line x1="{Left}" y1="{Y(yMin):0.#}" x2="{Left}" y2="{Y(1):0.#}" stroke="black"/>""");
        var step = Math.Max(10, (int)Math.Round(xMax / 10.0 / 10) * 10);
        for (var x = 0; x <= xMax; x += step)
        {
            Line($"""<line x1="{X(x):0.#}" y1="{Y(yMin):0.#}" x2="{X(x):0.#}" y2="{Y(yMin) + 5:0.#}" stroke="black"/><text x="{X(x):0.#}" y="{Y(yMin) + 18:0.#}" text-anchor="middle">{x}</text>""");
        }

        for (var y = yMin; y <= 1.0001; y += 0.05)
        {
            Line($"""<line x1="{Left - 5}" y1="{Y(y):0.#}" x2="{X(xMax):0.#}" y2="{Y(y):0.#}" stroke="#e6e6e6"/><text x="{Left - 8}" y="{Y(y) + 4:0.#}" text-anchor="end">{y:0.00}</text>""");
        }

        Line($"""<text x="{(Left + X(xMax)) / 2:0.#}" y="{Height - 15}" text-anchor="middle">human labels (seed labels included)</text>""");
        Line($"""<text x="18" y="{(Top + Y(yMin)) / 2:0.#}" text-anchor="middle" transform="rotate(-90 18 {(Top + Y(yMin)) / 2:0.#})">macro-F1</text>""");

        Line($"""<line x1="{Left}" y1="{Y(target):0.#}" x2="{X(xMax):0.#}" y2="{Y(target):0.#}" stroke="black" stroke-dasharray="6 4"/>""");
        Line($"""<line x1="{Left}" y1="{Y(fullF1):0.#}" x2="{X(xMax):0.#}" y2="{Y(fullF1):0.#}" stroke="#999999" stroke-dasharray="2 3"/>""");

        var i = 0;
        foreach (var (name, curve) in curves.OrderBy(c => c.Key == "random" ? 0 : 1).ThenBy(c => c.Key, StringComparer.Ordinal))
        {
            var colour = Colours[i % Colours.Length];
            var polyline = string.Join(' ', curve.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.Labels):0.#},{Y(Math.Max(p.F1, yMin)):0.#}")));
            Line($"""<polyline fill="none" stroke="{colour}" stroke-width="2" points="{polyline}"/>""");
            var ly = Top + 20 + (i * 20);
            Line($"""<line x1="{Width - Right + 15}" y1="{ly}" x2="{Width - Right + 40}" y2="{ly}" stroke="{colour}" stroke-width="2"/><text x="{Width - Right + 46}" y="{ly + 4}">{WebUtility.HtmlEncode(name)}</text>""");
            i++;
        }

        var legend = Top + 20 + (i * 20);
        Line($"""<line x1="{Width - Right + 15}" y1="{legend}" x2="{Width - Right + 40}" y2="{legend}" stroke="black" stroke-dasharray="6 4"/><text x="{Width - Right + 46}" y="{legend + 4}">target {target:0.000}</text>""");
        Line($"""<line x1="{Width - Right + 15}" y1="{legend + 20}" x2="{Width - Right + 40}" y2="{legend + 20}" stroke="#999999" stroke-dasharray="2 3"/><text x="{Width - Right + 46}" y="{legend + 24}">full pool {fullF1:0.000}</text>""");
        svg.AppendLine("</svg>");

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, svg.ToString());
    }
}
