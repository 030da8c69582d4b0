namespace HfPipelines.Onnx;

/// <summary>An output a task needs: its usual name and its rank (batch included). When the graph has no
/// output of that name but exactly one output, that one is used (Python takes <c>outputs[0]</c>).</summary>
/// <param name="Name">The usual name (<c>logits</c>, <c>start_logits</c>, <c>last_hidden_state</c>).</param>
/// <param name="Ranks">The accepted ranks.</param>
internal sealed record OutputRequirement(string Name, params int[] Ranks);
