namespace HfPipelines.Safetensors;

/// <summary>The task head a built encoder graph ends in (<see cref="EncoderGraphBuilder.Build"/>).</summary>
public enum EncoderHead
{
    /// <summary>The bare encoder: output <c>last_hidden_state</c> [batch, sequence, hidden] (feature extraction, sentence embeddings).</summary>
    BaseModel,

    /// <summary>A sequence classifier: output <c>logits</c> [batch, labels] (text classification, zero-shot NLI).</summary>
    SequenceClassification,

    /// <summary>A per-token classifier: output <c>logits</c> [batch, sequence, labels] (token classification, NER).</summary>
    TokenClassification,

    /// <summary>An extractive question-answering head: outputs <c>start_logits</c> and <c>end_logits</c> [batch, sequence].</summary>
    QuestionAnswering,

    /// <summary>A masked language-model head: output <c>logits</c> [batch, sequence, vocabulary] (fill-mask).</summary>
    MaskedLM,
}
