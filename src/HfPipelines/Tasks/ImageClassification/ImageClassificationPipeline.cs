using HfPipelines.Buffers;
using HfPipelines.Images;
using HfPipelines.Pipelines;

namespace HfPipelines.Tasks;

/// <summary>
/// image-classification on ONNX Runtime (transformers <c>ImageClassificationPipeline</c>): decode,
/// preprocess like the model's image processor, run, apply <c>function_to_apply</c>, keep the top k.
/// In a batch run the next batch is decoded and preprocessed while the model runs the current one.
/// Thread-safe; owns its ONNX session (dispose it).
/// </summary>
public sealed class ImageClassificationPipeline
    : ChunkPipeline<ImageInput, ImageClassificationOptions, IReadOnlyList<ClassificationLabel>, PreparedImage, float[]>
{
    private readonly OnnxImageModel _model;
    private readonly ImagePreprocessor _preprocessor;
    private readonly IReadOnlyList<string> _labels;
    private readonly bool _multiLabel;

    // Encoded files are read into buffers kept per pipeline (a few, not one per concurrent caller).
    private readonly BoundedArrayPool<byte> _files = new(Environment.ProcessorCount, 64 << 20);
    private int _disposed;

    private ImageClassificationPipeline(OnnxImageModel model, ImagePreprocessor preprocessor, IReadOnlyList<string> labels, bool multiLabel, int batchSize)
        : base(PipelineTasks.ImageClassification, batchSize)
    {
        _model = model;
        _preprocessor = preprocessor;
        _labels = labels;
        _multiLabel = multiLabel;
    }

    /// <summary>The class labels, index = class id (may be empty when the model has none: then <c>LABEL_i</c>).</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>The preprocessing in use.</summary>
    public ImageProcessorConfig ProcessorConfig => _preprocessor.Config;

    /// <summary>Loads an image classifier.</summary>
    /// <param name="modelPathOrFolder">A model folder (model.onnx or onnx/model.onnx, with config.json and preprocessor_config.json when present) or an .onnx file.</param>
    /// <param name="options">Build options, or null for the defaults.</param>
    /// <returns>The pipeline.</returns>
    /// <exception cref="ModelLoadException">A file is missing or the model is refused.</exception>
    public static ImageClassificationPipeline Create(string modelPathOrFolder, ImageClassificationPipelineOptions? options = null)
    {
        options ??= new ImageClassificationPipelineOptions();
        var files = ImageModelFiles.Resolve(options.ModelFile is { } file && Directory.Exists(modelPathOrFolder)
            ? Path.Combine(modelPathOrFolder, file)
            : modelPathOrFolder);
        var config = options.ProcessorConfig ?? (files.ProcessorConfigPath is { } p ? ImageProcessorConfig.Load(p) : null);
        var (labels, multi) = files.ConfigPath is { } c ? ImageLabels.FromConfig(c) : (null, false);
        var labelsPath = options.LabelsPath ?? (labels is null ? files.LabelsPath : null);
        if (labelsPath is not null)
        {
            labels = ImageLabels.FromFile(labelsPath);
        }

        var model = new OnnxImageModel(files.OnnxPath, options.Session, options.OrtSpinning);
        config ??= ImageNetFor(model);
        return new ImageClassificationPipeline(model, new ImagePreprocessor(config, options.Decode), labels ?? [], multi, options.BatchSize);
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<IReadOnlyList<ClassificationLabel>>> RunBatchAsync(
        IReadOnlyList<ImageInput> inputs, ImageClassificationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        options ??= new ImageClassificationOptions();
        Validate(options);
        var results = new IReadOnlyList<ClassificationLabel>[inputs.Count];
        Task<PreparedImage[]>? next = inputs.Count > 0 ? PrepareAsync(inputs, 0, cancellationToken) : null;
        try
        {
            for (var start = 0; start < inputs.Count; start += BatchSize)
            {
                var batch = await next!.ConfigureAwait(false);
                next = start + BatchSize < inputs.Count ? PrepareAsync(inputs, start + BatchSize, cancellationToken) : null;
                cancellationToken.ThrowIfCancellationRequested();
                var outputs = await ForwardBatchAsync(batch, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < outputs.Count; i++)
                {
                    results[start + i] = Postprocess(inputs[start + i], [outputs[i]], options);
                }
            }
        }
        finally
        {
            if (next is not null)
            {
                // Observe the prefetch of a batch that will not run (an earlier batch failed or was cancelled).
                await next.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            }
        }

        return results;
    }

    /// <inheritdoc />
    protected override void Validate(ImageClassificationOptions options)
    {
        if (options.TopK < 1)
        {
            throw new InvalidPipelineInputException($"top_k must be at least 1, got {options.TopK}.");
        }

        if (!Enum.IsDefined(options.FunctionToApply))
        {
            throw new InvalidPipelineInputException($"Unknown function_to_apply {options.FunctionToApply}. Valid: default, sigmoid, softmax, none.");
        }
    }

    /// <inheritdoc />
    protected override IReadOnlyList<PreparedImage> Preprocess(ImageInput input, ImageClassificationOptions options) => [Prepare(input)];

    /// <inheritdoc />
    protected override ValueTask<IReadOnlyList<float[]>> ForwardBatchAsync(IReadOnlyList<PreparedImage> batch, CancellationToken cancellationToken)
    {
        var first = batch[0];
        if (batch.Any(b => b.Height != first.Height || b.Width != first.Width))
        {
            // Images of different sizes (resize without crop) cannot share a tensor: run them one by one.
            return ValueTask.FromResult<IReadOnlyList<float[]>>(batch.Select(b => RunStacked([b])[0]).ToArray());
        }

        return ValueTask.FromResult<IReadOnlyList<float[]>>(RunStacked(batch));
    }

    /// <inheritdoc />
    protected override IReadOnlyList<ClassificationLabel> Postprocess(ImageInput input, IReadOnlyList<float[]> outputs, ImageClassificationOptions options)
    {
        var logits = outputs[0];
        var function = options.FunctionToApply;
        if (function == ClassificationFunction.Default)
        {
            function = _multiLabel || logits.Length == 1 ? ClassificationFunction.Sigmoid : ClassificationFunction.Softmax;
        }

        var scores = ScoreFunctions.Apply(logits, function);
        var order = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(options.TopK);
        return order.Select(i => new ClassificationLabel(LabelOf(i), scores[i])).ToArray();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _model.Dispose();
        }
    }

    /// <summary>
    /// The ImageNet preprocessing for a model without preprocessor_config.json: centre crop to the model's fixed
    /// input size (224 when dynamic) after resizing the short side to size * 256 / 224 (the classic ratio).
    /// </summary>
    private static ImageProcessorConfig ImageNetFor(OnnxImageModel model)
    {
        if (model.InputHeight <= 0 || model.InputWidth <= 0 || (model.InputHeight == 224 && model.InputWidth == 224))
        {
            return ImageProcessorConfig.ImageNet;
        }

        return new ImageProcessorConfig
        {
            ShortestEdge = (int)Math.Round(Math.Max(model.InputHeight, model.InputWidth) * 256.0 / 224.0),
            DoCenterCrop = true,
            CropHeight = model.InputHeight,
            CropWidth = model.InputWidth,
        };
    }

    private string LabelOf(int id) => id < _labels.Count ? _labels[id] : $"LABEL_{id}";

    private PreparedImage Prepare(ImageInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Path is null)
        {
            var (pixels, height, width) = _preprocessor.Process(input.Bytes);
            return new PreparedImage(pixels, height, width);
        }

        // The encoded file is only needed while decoding: read it into a pooled buffer (photos are megabytes).
        var (buffer, length) = ReadFile(input.Path);
        try
        {
            var (pixels, height, width) = _preprocessor.Process(buffer.AsMemory(0, length));
            return new PreparedImage(pixels, height, width);
        }
        finally
        {
            _files.Return(buffer);
        }
    }

    private (byte[] Buffer, int Length) ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidPipelineInputException($"Image file '{path}' does not exist.");
        }

        using var handle = File.OpenHandle(path);
        var size = RandomAccess.GetLength(handle);
        if (size > Array.MaxLength)
        {
            throw new InvalidPipelineInputException($"Image file '{path}' is {size:N0} bytes, too large to decode. Pass a smaller image.");
        }

        var buffer = _files.Rent((int)size);
        var length = 0;
        int read;
        while (length < size && (read = RandomAccess.Read(handle, buffer.AsSpan(length, (int)size - length), length)) > 0)
        {
            length += read;
        }

        return (buffer, length);
    }

    private async Task<PreparedImage[]> PrepareAsync(IReadOnlyList<ImageInput> inputs, int start, CancellationToken cancellationToken)
    {
        // Each image of the batch decodes on the thread pool, in parallel with the model run of the previous batch.
        var count = Math.Min(BatchSize, inputs.Count - start);
        var tasks = new Task<PreparedImage>[count];
        for (var i = 0; i < count; i++)
        {
            var input = inputs[start + i];
            tasks[i] = System.Threading.Tasks.Task.Run(() => Prepare(input), cancellationToken);
        }

        return await System.Threading.Tasks.Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private float[][] RunStacked(IReadOnlyList<PreparedImage> batch)
    {
        var first = batch[0];
        var size = first.Pixels.Length;
        var data = new float[size * batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Pixels.CopyTo(data, i * size);
        }

        var (logits, classes) = _model.Run(data, batch.Count, first.Height, first.Width);
        return Enumerable.Range(0, batch.Count).Select(i => logits.AsSpan(i * classes, classes).ToArray()).ToArray();
    }
}
