using HfPipelines.Pipelines;
using HfPipelines.Tokenization;

namespace HfPipelines.Onnx;

/// <summary>
/// Base of the ONNX Runtime encoder tasks. Tasks fill in preprocess (text to encodings) and postprocess (outputs to
/// results); this class runs the model: a call's model inputs are sorted by length and run in padded batches of
/// <see cref="OnnxPipelineOptions.BatchSize"/>, and small concurrent calls are gathered into micro-batches.
/// Thread-safe. Disposing it unloads the model when the pipeline owns it.
/// </summary>
/// <typeparam name="TInput">The task input.</typeparam>
/// <typeparam name="TOptions">The task options.</typeparam>
/// <typeparam name="TResult">The task result.</typeparam>
public abstract class EncoderPipeline<TInput, TOptions, TResult> : ChunkPipeline<TInput, TOptions, TResult, TokenEncoding, EncoderOutput>
    where TOptions : class, new()
{
    private readonly EncoderContext _context;
    private readonly EncoderRunner _runner;
    private readonly MicroBatcher<TokenEncoding, EncoderOutput>? _batcher;

    // The base hands every model input of a call to ForwardBatchAsync at once (batch size int.MaxValue) so that
    // they can be grouped by length here.
    private protected EncoderPipeline(string task, EncoderContext context, IReadOnlyList<OutputRequirement> outputs)
        : base(task, int.MaxValue)
    {
        _context = context;
        _runner = new EncoderRunner(context.Model, context.PadId, task, outputs);
        if (context.Options.MicroBatchSize > 1)
        {
            _batcher = new MicroBatcher<TokenEncoding, EncoderOutput>(
                items => ValueTask.FromResult<IReadOnlyList<EncoderOutput>>(RunSorted(items, context.Options.BatchSize, CancellationToken.None)),
                context.Options.MicroBatchSize,
                context.Options.MicroBatchWait,
                context.Options.TimeProvider);
        }
    }

    /// <summary>The model this pipeline runs.</summary>
    public OnnxModel Model => _context.Model;

    /// <summary>How many model inputs run in one padded batch.</summary>
    public int PaddedBatchSize => _context.Options.BatchSize;

    /// <summary>The longest input in tokens (null: no limit).</summary>
    public int? MaxLength => _context.MaxLength;

    private protected ITextTokenizer Tokenizer => _context.Tokenizer;

    private protected EncoderModelConfig Config => _context.Config;

    private protected OnnxPipelineOptions PipelineOptions => _context.Options;

    /// <summary>Encodes a text (or pair), truncating to <see cref="MaxLength"/> or failing when asked to.</summary>
    private protected TokenEncoding Encode(string text, string? pair = null, TruncationStrategy truncation = TruncationStrategy.LongestFirst)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidPipelineInputException($"{Task}: the input text is empty. Give a non-empty text.");
        }

        if (_context.Options.FailOnTooLong || MaxLength is null)
        {
            var full = Tokenizer.Encode(text, pair);
            if (MaxLength is int max && full.Length > max)
            {
                throw new InvalidPipelineInputException($"{Task}: the input is {full.Length} tokens, longer than the model's limit of {max}. Shorten it, or turn OnnxPipelineOptions.FailOnTooLong off to truncate.");
            }

            return full;
        }

        return Tokenizer.Encode(text, pair, new EncodeOptions { MaxLength = MaxLength, Truncation = truncation });
    }

    /// <inheritdoc />
    protected override async ValueTask<IReadOnlyList<EncoderOutput>> ForwardBatchAsync(IReadOnlyList<TokenEncoding> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_batcher is not null && batch.Count <= _context.Options.BatchSize && batch.Count < _context.Options.MicroBatchSize)
        {
            return await _batcher.RunAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        return RunSorted(batch, _context.Options.BatchSize, cancellationToken);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _batcher?.Dispose();
            if (_context.OwnsModel)
            {
                _context.Model.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private EncoderOutput[] RunSorted(IReadOnlyList<TokenEncoding> batch, int batchSize, CancellationToken cancellationToken)
    {
        var order = Enumerable.Range(0, batch.Count).OrderBy(i => batch[i].Length).ToArray();
        var results = new EncoderOutput[batch.Count];
        for (var start = 0; start < order.Length; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var indices = order.AsSpan(start, Math.Min(batchSize, order.Length - start)).ToArray();
            var outputs = _runner.Run(indices.Select(i => batch[i]).ToArray());
            for (var k = 0; k < indices.Length; k++)
            {
                results[indices[k]] = outputs[k];
            }
        }

        return results;
    }
}
