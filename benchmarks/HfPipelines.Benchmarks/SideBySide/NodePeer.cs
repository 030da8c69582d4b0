using System.Diagnostics;
using System.Text.Json.Nodes;

namespace HfPipelines.Benchmarks.SideBySide;

/// <summary>Runs a peer script (scripts/bench/*.mjs) under node and reads the one JSON object it prints; null when it cannot run.</summary>
internal static class NodePeer
{
    public static async Task<JsonObject?> RunAsync(string script, IEnumerable<string> arguments, TimeSpan timeout, Action<string> log)
    {
        if (!File.Exists(script))
        {
            log($"peer script {script} is missing");
            return null;
        }

        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(script)! };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            log($"{Path.GetFileName(script)} ran past {timeout.TotalSeconds:0} s and was stopped");
            return null;
        }

        var text = await stdout;
        if (process.ExitCode != 0)
        {
            log($"{Path.GetFileName(script)} failed ({process.ExitCode}): {(await stderr).Trim()}");
            return null;
        }

        var line = text.Split('\n').LastOrDefault(l => l.TrimStart().StartsWith('{'));
        return line is null ? null : JsonNode.Parse(line)?.AsObject();
    }
}
