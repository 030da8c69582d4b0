namespace HfPipelines.Onnx;

/// <summary>How an ONNX Runtime task pipeline loads and runs its model. Every default is documented; values are
/// validated when set.</summary>
public sealed class OnnxPipelineOptions
{
    private int _batchSize = 32;
    private int _microBatchSize = 32;
    private TimeSpan _microBatchWait = TimeSpan.FromMilliseconds(2);
    private int? _maxLength;
    private double? _similarityTemperature = 0.05;

    /// <summary>The session settings (threads, graph optimisation, execution provider).</summary>
    public OnnxSessionOptions Session { get; set; } = new();

    /// <summary>The ONNX file, relative to the model folder. Default: the first of <c>onnx/model.onnx</c>,
    /// <c>model.onnx</c>, <c>onnx/model_quantized.onnx</c>, <c>model_quantized.onnx</c> that exists.</summary>
    public string? ModelFile { get; set; }

    /// <summary>
    /// Where the ONNX graphs built from safetensors checkpoints (a folder with <c>config.json</c> and
    /// <c>model.safetensors</c> but no ONNX file) are kept, so that only the first load builds one. Default: the model
    /// store's <see cref="Hub.HubOptions.BuiltModelDirectory"/> (<c>$HF_HOME/hfpipelines/built</c>).
    /// </summary>
    public string? BuiltModelDirectory { get; set; }

    /// <summary>Told, in one line, when a load builds an ONNX graph from a safetensors checkpoint (null: not told).</summary>
    internal Action<string>? BuildNotice { get; set; }

    /// <summary>A shallow copy (the session settings are shared).</summary>
    internal OnnxPipelineOptions Clone() => (OnnxPipelineOptions)MemberwiseClone();

    /// <summary>The most model inputs in one padded batch (Python's <c>batch_size</c>). A call's inputs are sorted by
    /// length and cut into padded batches of similar lengths: a batch ends where padding the next input would cost more
    /// than another model run, at this many inputs, or at 4,096 padded tokens. Default 32.</summary>
    public int BatchSize
    {
        get => _batchSize;
        set => _batchSize = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "BatchSize must be 1 or more.");
    }

    /// <summary>Concurrent single calls are gathered into micro-batches of at most this many model inputs.
    /// 1 turns micro-batching off. Default 32.</summary>
    public int MicroBatchSize
    {
        get => _microBatchSize;
        set => _microBatchSize = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MicroBatchSize must be 1 or more.");
    }

    /// <summary>While a model call is running, how long newly arrived calls wait for companions before they run
    /// anyway. A call arriving when the model is idle never waits. Default 2 ms.</summary>
    public TimeSpan MicroBatchWait
    {
        get => _microBatchWait;
        set => _microBatchWait = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MicroBatchWait cannot be negative.");
    }

    /// <summary>The clock of the micro-batch window (tests give a fake one). Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The longest input in tokens. Default: the tokenizer's <c>model_max_length</c>, else the config's
    /// <c>max_position_embeddings</c>, else no limit.</summary>
    public int? MaxLength
    {
        get => _maxLength;
        set => _maxLength = value is null or >= 2 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxLength must be 2 or more (or null for the model's limit).");
    }

    /// <summary>True: an input longer than <see cref="MaxLength"/> fails with <see cref="InvalidPipelineInputException"/>.
    /// False (default): it is truncated, as Python's pipelines do.</summary>
    public bool FailOnTooLong { get; set; }

    /// <summary>Zero-shot classification with a sentence-embedding model: scores are
    /// <c>softmax(cosine / temperature)</c> over the labels (single-label). Null: the raw cosine similarities.
    /// Multi-label always returns raw cosines. Default 0.05.</summary>
    public double? SimilarityTemperature
    {
        get => _similarityTemperature;
        set => _similarityTemperature = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "SimilarityTemperature must be above 0 (or null for raw cosines).");
    }
}
