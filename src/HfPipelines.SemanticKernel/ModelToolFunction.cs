using System.Text.Json;
using Microsoft.Extensions.AI;

namespace HfPipelines.SemanticKernel;

/// <summary>
/// Makes a plugin function forgiving and cheap for a model: a list or object argument (e.g. labels sent as
/// <c>["sales","support"]</c> where the parameter is text) is passed on as its JSON text, and the result comes
/// back as compact JSON text with Python's keys, so a chat client's tool message or an MCP text block holds the
/// fewest tokens.
/// </summary>
internal sealed class ModelToolFunction(AIFunction inner) : DelegatingAIFunction(inner)
{
    private static readonly JsonSerializerOptions Compact = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var normalized = new AIFunctionArguments(arguments.ToDictionary(
            kv => kv.Key,
            kv => kv.Value is JsonElement { ValueKind: JsonValueKind.Array or JsonValueKind.Object } element ? element.GetRawText() : kv.Value))
        {
            Services = arguments.Services,
            Context = arguments.Context,
        };
        var result = await base.InvokeCoreAsync(normalized, cancellationToken).ConfigureAwait(false);
        return result is null or string ? result : JsonSerializer.Serialize(result, Compact);
    }
}
