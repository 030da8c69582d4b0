using HfPipelines.Pipelines;
using HfPipelines.Tokenization;

namespace HfPipelines.Onnx;

/// <summary>
/// Base of the ONNX Runtime encoder tasks. Tasks fill in preprocess (text to encodings) and postprocess (outputs to
/// results); this class runs the model: a call's model inputs are sorted by length and run in padded batches of similar
/// lengths (at most <see cref="OnnxPipelineOptions.BatchSize"/>), and small concurrent calls are gathered into micro-batches.
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

    /// <summary>The most model inputs in one padded batch.</summary>
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
        // Sorted by length (stable: equal lengths keep their order), then cut where padding would cost more than a run.
        var keys = new long[batch.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = ((long)batch[i].Length << 32) | (uint)i;
        }

        Array.Sort(keys);
        var lengths = new int[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            lengths[i] = (int)(keys[i] >> 32);
        }

        var results = new EncoderOutput[batch.Count];
        var start = 0;
        foreach (var count in SubBatchPlanner.Plan(lengths, batchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var items = new TokenEncoding[count];
            for (var k = 0; k < count; k++)
            {
                items[k] = batch[(int)keys[start + k]];
            }

            var outputs = _runner.Run(items);
            for (var k = 0; k < count; k++)
            {
                results[(int)keys[start + k]] = outputs[k];
            }

            start += count;
        }

        return results;
    }
}
