namespace HfPipelines.Safetensors;

/// <summary>The task head a built encoder graph ends in.</summary>
public enum EncoderHead
{
    /// <summary>The base model: <c>last_hidden_state</c> (feature extraction, sentence similarity).</summary>
    BaseModel,

    /// <summary>Sequence classification: <c>logits</c> per text (text classification, NLI zero-shot).</summary>
    SequenceClassification,

    /// <summary>Token classification: <c>logits</c> per token (NER).</summary>
    TokenClassification,

    /// <summary>Extractive question answering: <c>start_logits</c> and <c>end_logits</c>.</summary>
    QuestionAnswering,

    /// <summary>Masked language modelling: <c>logits</c> over the vocabulary per token (fill-mask).</summary>
    MaskedLM,
}
