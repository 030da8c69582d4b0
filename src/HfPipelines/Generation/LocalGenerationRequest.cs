namespace HfPipelines.Generation;

/// <summary>One generation a local backend runs: the prompt text, sampling and an optional constraint.</summary>
/// <param name="Prompt">The prompt text (a rendered chat template, or the user's plain prompt).</param>
/// <param name="IsRawPrompt">True for a plain prompt (the backend adds its begin-of-sequence token as the
/// model expects); false for a rendered template (which writes its own special tokens).</param>
/// <param name="Sampling">Sampling settings.</param>
/// <param name="Constraint">What the answer must look like, or null for free text.</param>
/// <param name="Stats">Receives counts when the generation ends.</param>
/// <param name="Grammar">A caller's GBNF grammar (root rule <c>root</c>), for backends that take grammars; null for none.</param>
public sealed record LocalGenerationRequest(string Prompt, bool IsRawPrompt, SamplingSettings Sampling, GenerationConstraint? Constraint, GenerationStats Stats, string? Grammar = null);
