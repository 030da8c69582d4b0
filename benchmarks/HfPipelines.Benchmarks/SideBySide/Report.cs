using System.Globalization;
using System.Text;

namespace HfPipelines.Benchmarks.SideBySide;

/// <summary>One throughput figure: a side of a suite at a batch size.</summary>
internal sealed record Measurement(string Suite, string Side, int BatchSize, double Throughput, string Unit, double P50Ms, double P95Ms, IReadOnlyList<double> Passes);

/// <summary>One goal of the performance issue: a measured ratio against its target.</summary>
internal sealed record GoalCheck(string Goal, double Ratio, double Target, bool AtMost, string Basis)
{
    public bool Met => AtMost ? Ratio <= Target : Ratio >= Target;
}

/// <summary>Load time and memory of one model.</summary>
internal sealed record LoadFigure(string Model, double ColdMs, double WarmMs, double WorkingSetMb, double ManagedMb, string Peer);

/// <summary>Everything one run measured; renders the markdown tables.</summary>
internal sealed class Report
{
    private readonly List<(int Round, Measurement Measurement)> _raw = [];

    /// <summary>The round now running (set by the runner); goals compare sides within a round.</summary>
    public int Round { get; set; } = 1;

    /// <summary>The measurements, one per suite, side and batch size; rounds merged: every pass kept, throughput the median pass, latencies the median round's.</summary>
    public IReadOnlyList<Measurement> Measurements => [.. _raw.Select(r => r.Measurement).GroupBy(m => (m.Suite, m.Side, m.BatchSize)).Select(Merge)];

    public List<GoalCheck> Goals { get; } = [];

    public List<LoadFigure> Loads { get; } = [];

    public List<string> Notes { get; } = [];

    /// <summary>Adds a note once: the first round's wins (a note up to its first ':' is its key).</summary>
    public void Note(string note)
    {
        var key = note.Split(':')[0];
        if (!Notes.Any(n => n.Split(':')[0] == key))
        {
            Notes.Add(note);
        }
    }

    public Measurement? Find(string suite, string side, int batchSize) =>
        Measurements.FirstOrDefault(m => m.Suite == suite && m.Side == side && m.BatchSize == batchSize);

    public void Add(Measurement measurement)
    {
        _raw.Add((Round, measurement));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {measurement.Suite,-12} {measurement.Side,-44} b={measurement.BatchSize,-3} {measurement.Throughput,9:0.0} {measurement.Unit}  p50 {measurement.P50Ms:0.00} ms  passes [{string.Join(", ", measurement.Passes.Select(Pass))}]"));
    }

    /// <summary>
    /// Checks a goal. The ratio is the median over rounds of (ours / other) within each round, so that both sides of a
    /// ratio were measured minutes apart under the same load; the overall medians are shown as the basis.
    /// </summary>
    public void Goal(string goal, Measurement? ours, Measurement? other, double target, bool atMost = false, Func<double, double>? transform = null)
    {
        if (ours is null || other is null || other.Throughput <= 0)
        {
            Notes.Add($"{goal}: not measured (a side did not run).");
            return;
        }

        var (ratio, rounds) = PerRoundRatio(ours, other, transform);
        Goals.Add(new GoalCheck(goal, ratio, target, atMost, $"per round: {rounds}; overall medians {ours.Throughput:0.0} vs {other.Throughput:0.0} {ours.Unit}"));
    }

    /// <summary>An informational ratio (no target), computed as for <see cref="Goal"/>, added to the notes.</summary>
    public void Compare(string label, Measurement? ours, Measurement? other)
    {
        if (ours is null || other is null || other.Throughput <= 0)
        {
            Notes.Add($"{label}: not measured (a side did not run).");
            return;
        }

        var (ratio, rounds) = PerRoundRatio(ours, other, null);
        Notes.Add(string.Create(CultureInfo.InvariantCulture, $"{label}: {ratio:0.00} (per round: {rounds}; overall medians {ours.Throughput:0.0} vs {other.Throughput:0.0} {ours.Unit})."));
    }

    private (double Ratio, string Rounds) PerRoundRatio(Measurement ours, Measurement other, Func<double, double>? transform)
    {
        var perRound = _raw.Select(r => r.Round).Distinct().Order()
            .Select(round => (Ours: RoundMedian(round, ours), Other: RoundMedian(round, other)))
            .Where(p => p.Ours > 0 && p.Other > 0)
            .Select(p => transform?.Invoke(p.Ours / p.Other) ?? p.Ours / p.Other)
            .ToList();
        return (Median([.. perRound]), string.Join(", ", perRound.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture))));
    }

    private double RoundMedian(int round, Measurement key) =>
        Median([.. _raw.Where(r => r.Round == round && r.Measurement.Suite == key.Suite && r.Measurement.Side == key.Side && r.Measurement.BatchSize == key.BatchSize)
            .SelectMany(r => r.Measurement.Passes)]);

    private static Measurement Merge(IEnumerable<Measurement> rounds)
    {
        var list = rounds.ToList();
        var passes = list.SelectMany(m => m.Passes).ToList();
        return list[0] with
        {
            Throughput = Median(passes.Count > 0 ? passes : [.. list.Select(m => m.Throughput)]),
            P50Ms = Median([.. list.Select(m => m.P50Ms)]),
            P95Ms = Median([.. list.Select(m => m.P95Ms)]),
            Passes = passes,
        };
    }

    /// <summary>A pass's figure: whole numbers, one decimal below 10 (windows/s, ms per run).</summary>
    private static string Pass(double value) => value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture);

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count == 0 ? 0 : values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }

    public string ToMarkdown(string command)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}. Rerun: `{command}`.");
        md.AppendLine();
        md.AppendLine("| suite | side | batch | throughput | p50 ms | p95 ms | passes |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | --- |");
        foreach (var m in Measurements)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {m.Suite} | {m.Side} | {m.BatchSize} | {m.Throughput:0.0} {m.Unit} | {m.P50Ms:0.0} | {m.P95Ms:0.0} | {string.Join(", ", m.Passes.Select(Pass))} |");
        }

        md.AppendLine();
        md.AppendLine("| goal | measured | target | met | basis |");
        md.AppendLine("| --- | ---: | ---: | --- | --- |");
        foreach (var g in Goals)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {g.Goal} | {g.Ratio:0.00} | {(g.AtMost ? "<=" : ">=")} {g.Target:0.00} | {(g.Met ? "yes" : "no")} | {g.Basis} |");
        }

        if (Loads.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("| model | cold load ms | warm load ms | working set +MB | managed +MB | peer |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: | --- |");
            foreach (var l in Loads)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {l.Model} | {l.ColdMs:0} | {l.WarmMs:0} | {l.WorkingSetMb:0.0} | {l.ManagedMb:0.0} | {l.Peer} |");
            }
        }

        foreach (var note in Notes)
        {
            md.AppendLine().Append("- ").AppendLine(note);
        }

        return md.ToString();
    }
}
