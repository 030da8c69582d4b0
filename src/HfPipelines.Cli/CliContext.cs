namespace HfPipelines.Cli;

/// <summary>What every command shares: the output writers (tests give their own).</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
internal sealed record CliContext(TextWriter Out, TextWriter Error);
