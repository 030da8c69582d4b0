using System.Diagnostics;
using HfPipelines.Testing;

namespace HfPipelines.Tests.Audio;

/// <summary>The reference FLAC encoder/decoder (Debian package <c>flac</c>), run as a process.</summary>
internal static class FlacTool
{
    /// <summary>Why tests that need the tool are skipped.</summary>
    public const string MissingReason = "The flac command is not on the PATH: `apt-get install -y flac` (CI installs it).";

    /// <summary>The flac executable, or null when it is not installed.</summary>
    public static string? Path { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, "flac"))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs flac with <paramref name="arguments"/>; throws with its output when it fails.</summary>
    /// <returns>What it wrote to stderr (flac reports there).</returns>
    public static string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException(MissingReason))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"flac {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr} {stdout.Result}");
        }

        return stderr;
    }

    /// <summary>Encodes a WAV file to FLAC with the given options (-f and -s are added).</summary>
    public static void Encode(string wav, string flac, params string[] options) => Run([.. options, "-f", "-s", "-o", flac, wav]);

    /// <summary>The reason a test needing the tool and <paramref name="fixtures"/> is skipped, or null.</summary>
    public static string? SkipReason(string[] fixtures) =>
        Path is null ? MissingReason : TestFixtures.FirstMissingReason(fixtures);
}

/// <summary>A fact that is skipped, with the reason, when flac or a fixture it needs is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class FlacToolFactAttribute : FactAttribute
{
    public FlacToolFactAttribute(params string[] fixtures)
    {
        Skip = FlacTool.SkipReason(fixtures);
    }
}

/// <summary>A theory that is skipped, with the reason, when flac or a fixture it needs is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class FlacToolTheoryAttribute : TheoryAttribute
{
    public FlacToolTheoryAttribute(params string[] fixtures)
    {
        Skip = FlacTool.SkipReason(fixtures);
    }
}
