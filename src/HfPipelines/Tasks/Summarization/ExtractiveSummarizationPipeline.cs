using HfPipelines.Pipelines;

namespace HfPipelines.Tasks;

/// <summary>
/// Summarization with only a sentence-embedding model at hand: splits the text into sentences, embeds
/// them, ranks them by centrality (LexRank: the stationary distribution of a random walk on the cosine
/// similarity graph), and returns the best sentences in document order within a length budget.
/// Deterministic; safe for concurrent use when the embedding pipeline is.
/// </summary>
/// <remarks>
/// <see cref="SummarizationOptions.MaxLength"/> (or <see cref="SummarizationOptions.MaxNewTokens"/>) is read as a
/// budget in words; <see cref="SummarizationOptions.MinLength"/> as a minimum in words. Without them the summary
/// holds <see cref="ExtractiveSummarizationOptions.MaxSentences"/> sentences.
/// </remarks>
public sealed class ExtractiveSummarizationPipeline : IPipeline<string, SummarizationOptions, SummarizationResult>
{
    private readonly IPipeline<string, FeatureExtractionOptions, FeatureExtractionResult> _embeddings;
    private readonly ExtractiveSummarizationOptions _settings;
    private readonly bool _ownsEmbeddings;

    /// <summary>Creates the summarizer over a feature-extraction pipeline.</summary>
    /// <param name="embeddings">Sentence embeddings (pooled); borrowed unless <paramref name="ownsEmbeddings"/>.</param>
    /// <param name="settings">Settings; null for the defaults.</param>
    /// <param name="ownsEmbeddings">Dispose <paramref name="embeddings"/> with this pipeline.</param>
    public ExtractiveSummarizationPipeline(
        IPipeline<string, FeatureExtractionOptions, FeatureExtractionResult> embeddings,
        ExtractiveSummarizationOptions? settings = null,
        bool ownsEmbeddings = false)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        _embeddings = embeddings;
        _settings = settings ?? new ExtractiveSummarizationOptions();
        _settings.Validate();
        _ownsEmbeddings = ownsEmbeddings;
    }

    /// <inheritdoc />
    public string Task => PipelineTasks.Summarization;

    /// <inheritdoc />
    public async Task<SummarizationResult> RunAsync(string input, SummarizationOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            throw new InvalidPipelineInputException("Summarization needs a non-empty text.");
        }

        options ??= new SummarizationOptions();
        var sentences = SentenceSplitter.Split(input);
        if (sentences.Count <= 1)
        {
            return new SummarizationResult(sentences.Count == 0 ? string.Empty : sentences[0].Text);
        }

        var texts = sentences.Select(s => s.Text).ToList();
        var pooled = new FeatureExtractionOptions { Pooling = PoolingMode.Default, Normalize = true };
        var vectors = await _embeddings.RunBatchAsync(texts, pooled, cancellationToken).ConfigureAwait(false);
        var scores = LexRank.Score(vectors.Select(v => v.Vector).ToList(), _settings.Damping, _settings.SimilarityThreshold);
        var chosen = Choose(texts, scores, options);
        return new SummarizationResult(string.Join(" ", chosen.Order().Select(i => texts[i])));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SummarizationResult>> RunBatchAsync(
        IReadOnlyList<string> inputs, SummarizationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var results = new SummarizationResult[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            results[i] = await RunAsync(inputs[i], options, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsEmbeddings)
        {
            _embeddings.Dispose();
        }
    }

    private List<int> Choose(IReadOnlyList<string> texts, double[] scores, SummarizationOptions options)
    {
        var wordBudget = options.MaxNewTokens ?? options.MaxLength;
        var minWords = options.MinLength ?? 0;
        var ranked = Enumerable.Range(0, texts.Count).OrderByDescending(i => scores[i]).ThenBy(i => i);
        var chosen = new List<int>();
        var words = 0;
        foreach (var index in ranked)
        {
            var count = CountWords(texts[index]);
            var full = wordBudget is null ? chosen.Count >= _settings.MaxSentences : words + count > wordBudget;
            if (full && chosen.Count > 0 && words >= minWords)
            {
                if (wordBudget is null)
                {
                    break;
                }

                continue;
            }

            chosen.Add(index);
            words += count;
        }

        return chosen;
    }

    private static int CountWords(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
