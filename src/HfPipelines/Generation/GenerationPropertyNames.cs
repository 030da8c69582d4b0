namespace HfPipelines.Generation;

/// <summary>Keys of <c>ChatOptions.AdditionalProperties</c> that local chat clients understand.</summary>
public static class GenerationPropertyNames
{
    /// <summary><c>bool</c>: the last user message is a plain prompt, sent without the chat template.</summary>
    public const string RawPrompt = "hfp.raw_prompt";

    /// <summary><c>bool</c>: sample (true) or decode greedily (false). Default: sample only when a temperature above 0 is set.</summary>
    public const string DoSample = "do_sample";

    /// <summary><c>float</c>: repetition penalty (1 = off).</summary>
    public const string RepetitionPenalty = "repetition_penalty";

    /// <summary><c>string</c>: a GBNF grammar (root rule <c>root</c>) the answer must match (llama.cpp only).</summary>
    public const string Grammar = "hfp.grammar";
}
