using System.Text.Json.Nodes;
using HfPipelines.Pipelines;
using HfPipelines.Seq2Seq;

namespace HfPipelines.Tasks;

/// <summary>
/// summarization on an encoder-decoder model (BART, DistilBART, T5, Pegasus exports), as transformers'
/// <c>SummarizationPipeline</c>: T5's <c>summarize: </c> prefix and the <c>task_specific_params</c> of the
/// config, generation settings overridable per call, truncation of long inputs by default or, with
/// <see cref="SummarizationOptions.SummarizeLongDocumentsByChunks"/>, summaries of chunks then of the summaries.
/// </summary>
public sealed class Seq2SeqSummarizationPipeline : IPipeline<string, SummarizationOptions, SummarizationResult>
{
    private const int MaxRounds = 3;
    private readonly Seq2SeqTextModel _model;
    private readonly string _prefix;
    private readonly Seq2SeqGenerationConfig _defaults;

    /// <summary>Creates the pipeline over a text model (owned from now on).</summary>
    /// <param name="model">The encoder-decoder text model.</param>
    public Seq2SeqSummarizationPipeline(Seq2SeqTextModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        var taskParams = model.Config["task_specific_params"]?["summarization"] as JsonObject;
        _prefix = (string?)taskParams?["prefix"] ?? string.Empty;
        _defaults = model.Generation.Clone();
        _defaults.Apply(taskParams);
    }

    /// <inheritdoc />
    public string Task => PipelineTasks.Summarization;

    /// <inheritdoc />
    public async Task<SummarizationResult> RunAsync(string input, SummarizationOptions? options = null, CancellationToken cancellationToken = default) =>
        (await RunBatchAsync([input], options, cancellationToken).ConfigureAwait(false))[0];

    /// <inheritdoc />
    public Task<IReadOnlyList<SummarizationResult>> RunBatchAsync(IReadOnlyList<string> inputs, SummarizationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        options ??= new SummarizationOptions();
        if (inputs.Any(string.IsNullOrWhiteSpace))
        {
            throw new InvalidPipelineInputException("Summarization needs non-empty texts.");
        }

        var generation = Settings(options);
        IReadOnlyList<SummarizationResult> results = options.SummarizeLongDocumentsByChunks
            ? [.. inputs.Select(i => new SummarizationResult(SummarizeByChunks(i, generation, cancellationToken)))]
            : [.. _model.Generate([.. inputs.Select(i => _model.Encode(_prefix + i))], generation, cancellationToken).Select(t => new SummarizationResult(t))];
        return System.Threading.Tasks.Task.FromResult(results);
    }

    /// <inheritdoc />
    public void Dispose() => _model.Dispose();

    private Seq2SeqGenerationConfig Settings(SummarizationOptions options)
    {
        var generation = _defaults.Clone();
        generation.Apply(options);
        generation.Validate();
        return generation;
    }

    private string SummarizeByChunks(string text, Seq2SeqGenerationConfig generation, CancellationToken cancellationToken)
    {
        for (var round = 0; round < MaxRounds; round++)
        {
            var chunks = Chunk(text);
            if (chunks.Count == 1)
            {
                return _model.Generate([_model.Encode(_prefix + chunks[0])], generation, cancellationToken)[0];
            }

            text = string.Join(" ", _model.Generate([.. chunks.Select(c => _model.Encode(_prefix + c))], generation, cancellationToken));
        }

        return _model.Generate([_model.Encode(_prefix + text)], generation, cancellationToken)[0];
    }

    // Whole sentences per chunk, each chunk within the encoder's limit (a sentence longer than that is a chunk of its own and is truncated).
    private List<string> Chunk(string text)
    {
        var budget = _model.MaxInputLength - _model.Encode(_prefix).Length;
        var chunks = new List<string>();
        var current = new List<string>();
        var used = 0;
        foreach (var (sentence, _, _) in SentenceSplitter.Split(text))
        {
            var length = _model.Tokenizer.Encode(sentence, options: new Tokenization.EncodeOptions { AddSpecialTokens = false }).Length;
            if (current.Count > 0 && used + length > budget)
            {
                chunks.Add(string.Join(" ", current));
                current.Clear();
                used = 0;
            }

            current.Add(sentence);
            used += length;
        }

        if (current.Count > 0)
        {
            chunks.Add(string.Join(" ", current));
        }

        return chunks;
    }
}
