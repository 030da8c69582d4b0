using System.Text.Json;
using Microsoft.Extensions.AI;

namespace HfPipelines.SemanticKernel;

/// <summary>
/// Returns the wrapped function's result as compact JSON text (Python's keys, no indentation), so every
/// consumer (a chat client's tool message, an MCP text block) sends the model the fewest tokens.
/// </summary>
internal sealed class CompactJsonFunction(AIFunction inner) : DelegatingAIFunction(inner)
{
    private static readonly JsonSerializerOptions Compact = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var result = await base.InvokeCoreAsync(arguments, cancellationToken).ConfigureAwait(false);
        return result is null or string ? result : JsonSerializer.Serialize(result, Compact);
    }
}
