namespace HfPipelines.Generation;

/// <summary>How a model family writes a tool call in its output, as its chat template teaches it.</summary>
public enum ToolCallFormat
{
    /// <summary>Hermes / Qwen: <c>&lt;tool_call&gt;{"name": ..., "arguments": {...}}&lt;/tool_call&gt;</c>.</summary>
    Hermes,

    /// <summary>Llama 3.x: a bare JSON object <c>{"name": ..., "parameters": {...}}</c>.</summary>
    BareJson,

    /// <summary>Mistral: <c>[TOOL_CALLS][{"name": ..., "arguments": {...}}]</c>.</summary>
    Mistral,
}
