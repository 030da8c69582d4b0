namespace HfPipelines.Tasks;

/// <summary>The sentence-similarity input: one source sentence and the sentences to compare it with.
/// The result is one cosine similarity per sentence, in order.</summary>
/// <param name="SourceSentence">The source sentence.</param>
/// <param name="Sentences">The sentences to score.</param>
public sealed record SentenceSimilarityInput(string SourceSentence, IReadOnlyList<string> Sentences);
