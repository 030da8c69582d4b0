namespace HfPipelines.OnnxGenAI;

/// <summary>What a GenAI model folder's configuration says, read in managed code before GenAI loads it.</summary>
/// <param name="ModelType">The <c>model.type</c> of <c>genai_config.json</c> (e.g. <c>llama</c>, <c>gpt2</c>).</param>
/// <param name="ContextLength">The <c>model.context_length</c>.</param>
/// <param name="ChatTemplate">The <c>chat_template</c> of <c>tokenizer_config.json</c>, or null.</param>
/// <param name="BosToken">The <c>bos_token</c> text, or null.</param>
/// <param name="EosToken">The <c>eos_token</c> text, or null.</param>
public sealed record GenAIFolderInfo(string ModelType, int ContextLength, string? ChatTemplate, string? BosToken, string? EosToken);
