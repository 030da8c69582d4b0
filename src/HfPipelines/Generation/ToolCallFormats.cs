namespace HfPipelines.Generation;

/// <summary>Picks the tool-call format a chat template teaches its model.</summary>
public static class ToolCallFormats
{
    /// <summary>Detects the format from the template text: <c>&lt;tool_call&gt;</c> means Hermes,
    /// <c>[TOOL_CALLS]</c> Mistral, anything else a bare JSON object (Llama 3.x and most others).</summary>
    /// <param name="templateSource">The Jinja text, or null.</param>
    /// <returns>The format.</returns>
    public static ToolCallFormat Detect(string? templateSource)
    {
        if (templateSource is null)
        {
            return ToolCallFormat.BareJson;
        }

        if (templateSource.Contains("<tool_call>", StringComparison.Ordinal))
        {
            return ToolCallFormat.Hermes;
        }

        return templateSource.Contains("[TOOL_CALLS]", StringComparison.Ordinal) ? ToolCallFormat.Mistral : ToolCallFormat.BareJson;
    }

    /// <summary>The key that holds the arguments in this format's call object.</summary>
    /// <param name="format">The format.</param>
    /// <returns><c>parameters</c> for bare JSON (Llama 3.x), else <c>arguments</c>.</returns>
    public static string ArgumentsKey(ToolCallFormat format) => format == ToolCallFormat.BareJson ? "parameters" : "arguments";
}
