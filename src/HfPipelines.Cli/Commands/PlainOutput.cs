namespace HfPipelines.Cli.Commands;

/// <summary>
/// Plain (non-JSON) output of several inputs: a line naming each input before its results, as image-classification
/// prints each file. Nothing is added for a single input, so one-input output stays as it was.
/// </summary>
internal static class PlainOutput
{
    /// <summary>The longest input text shown in a header line; longer texts end with "...".</summary>
    public const int MaxHeaderLength = 100;

    /// <summary>Writes the header of input <paramref name="index"/> when there are several inputs.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="inputs">All the inputs of the call.</param>
    /// <param name="index">The input whose results follow.</param>
    /// <param name="isText">True for a text (quoted, on one line, shortened); false for a file path (as is).</param>
    public static Task WriteHeaderAsync(TextWriter output, IReadOnlyList<string> inputs, int index, bool isText = true) =>
        inputs.Count > 1 ? output.WriteLineAsync(isText ? Quote(inputs[index]) : inputs[index]) : Task.CompletedTask;

    private static string Quote(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return "\"" + (line.Length > MaxHeaderLength ? line[..(MaxHeaderLength - 3)] + "..." : line) + "\"";
    }
}
