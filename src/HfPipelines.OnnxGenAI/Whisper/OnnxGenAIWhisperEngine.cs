using System.Globalization;
using System.Runtime.InteropServices;
using HfPipelines.Seq2Seq;
using HfPipelines.Speech.Whisper;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace HfPipelines.OnnxGenAI.Whisper;

/// <summary>
/// Whisper on ONNX Runtime GenAI: the folder's encoder and decoder run inside GenAI (its audio encoder state, key/value
/// caches and cross caches), while the token choice stays with <see cref="WhisperModel"/> (prompt, language detection,
/// suppress tokens, timestamp rules). Each step appends the new tokens to a GenAI generator and reads the decoder's
/// logits; word timestamps read the decoder's <c>output_cross_qk_N</c> outputs and turn them into attention weights
/// with a softmax over the encoder frames. Sessions may run concurrently, each with its own generator.
/// </summary>
internal sealed class OnnxGenAIWhisperEngine : IWhisperEngine
{
    private readonly GenAIWhisperFolder _folder;
    private readonly Config _config;
    private readonly Model _model;
    private int _disposed;

    private OnnxGenAIWhisperEngine(GenAIWhisperFolder folder, Config config, Model model)
    {
        _folder = folder;
        _config = config;
        _model = model;
    }

    public int CrossAttentionLayers => _folder.CrossAttentionLayers;

    public string CrossAttentionHelp =>
        "Export the GenAI Whisper decoder with its cross QK outputs (output_cross_qk_N, named by model.decoder.outputs.output_cross_qk_names in genai_config.json)";

    public int VocabularySize => _folder.VocabularySize;

    public int ContextLength => _folder.ContextLength;

    public static OnnxGenAIWhisperEngine Load(GenAIWhisperFolder folder, OnnxGenAIModelOptions options)
    {
        Config? config = null;
        try
        {
            config = new Config(folder.Folder);
            config.ClearProviders();
            var threads = options.Threads.ToString(CultureInfo.InvariantCulture);
            config.Overlay($"{{\"model\":{{\"decoder\":{{\"session_options\":{{\"intra_op_num_threads\":{threads}}}}},\"encoder\":{{\"session_options\":{{\"intra_op_num_threads\":{threads}}}}}}}}}");
            return new OnnxGenAIWhisperEngine(folder, config, new Model(config));
        }
        catch (OnnxRuntimeGenAIException ex)
        {
            config?.Dispose();
            throw new ModelLoadException($"ONNX Runtime GenAI could not load the Whisper folder '{folder.Folder}': {ex.Message}", ex);
        }
    }

    public string CrossAttentionOutputName(int layer) => _folder.CrossQkName(layer);

    public ISeq2SeqSession Start(float[] features, int[] dimensions, WhisperCrossAttentionObserver? observer)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(dimensions);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (dimensions.Length != 3 || dimensions[0] != 1 || dimensions[2] != 3000)
        {
            throw new InvalidPipelineInputException(
                $"GenAI Whisper takes one window of 3000 feature frames ([1, mel bins, 3000]); got [{string.Join(", ", dimensions)}]. Pad the window to 30 s, as WhisperFeatureExtractor does.");
        }

        return new Session(this, features, dimensions, observer);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _model.Dispose();
            _config.Dispose();
        }
    }

    private sealed class Session : ISeq2SeqSession
    {
        private readonly OnnxGenAIWhisperEngine _engine;
        private readonly WhisperCrossAttentionObserver? _observer;
        private readonly GeneratorParams _parameters;
        private readonly Generator _generator;
        private GCHandle _pin;
        private Tensor? _features;
        private int _fed;

        public Session(OnnxGenAIWhisperEngine engine, float[] features, int[] dimensions, WhisperCrossAttentionObserver? observer)
        {
            _engine = engine;
            _observer = observer;
            _parameters = new GeneratorParams(engine._model);
            try
            {
                _parameters.SetSearchOption("max_length", engine.ContextLength);
                _parameters.SetSearchOption("batch_size", 1);
                _parameters.SetSearchOption("num_beams", 1);
                _parameters.SetSearchOption("do_sample", false);
                _generator = new Generator(engine._model, _parameters);

                // GenAI reads the features in place: they stay pinned until the session ends.
                _pin = GCHandle.Alloc(features, GCHandleType.Pinned);
                _features = new Tensor(_pin.AddrOfPinnedObject(), [.. dimensions.Select(d => (long)d)], ElementType.float32);
                _generator.SetModelInput(engine._folder.AudioFeaturesName, _features);
            }
            catch (OnnxRuntimeGenAIException ex)
            {
                Dispose();
                throw new ModelLoadException($"ONNX Runtime GenAI refused the Whisper audio features: {ex.Message}", ex);
            }
        }

        public int VocabularySize { get; private set; } = -1;

        public float[][] Step(IReadOnlyList<IReadOnlyList<int>> sequences, IReadOnlyList<int>? sourceRows)
        {
            if (sequences.Count != 1 || (sourceRows is not null && (sourceRows.Count != 1 || sourceRows[0] != 0)))
            {
                throw new NotSupportedException("GenAI Whisper sessions decode one greedy row (num_beams = 1).");
            }

            var sequence = sequences[0];
            if (sequence.Count <= _fed)
            {
                throw new InvalidOperationException($"The decoder has seen {_fed} tokens; the sequence given has {sequence.Count}.");
            }

            var fresh = new int[sequence.Count - _fed];
            for (var i = 0; i < fresh.Length; i++)
            {
                fresh[i] = sequence[_fed + i];
            }

            // GenAI's Whisper decoder takes the whole prompt in its first run and one token per run after it (it sizes
            // the cross QK outputs so), so later tokens go in one at a time.
            var first = _fed;
            try
            {
                if (_fed == 0)
                {
                    Run(fresh, first);
                }
                else
                {
                    for (var i = 0; i < fresh.Length; i++)
                    {
                        Run(fresh.AsSpan(i, 1), first + i);
                    }
                }

                _fed = sequence.Count;
                return [LastRow(_engine._folder.LogitsName)];
            }
            catch (OnnxRuntimeGenAIException ex)
            {
                throw new ModelLoadException($"ONNX Runtime GenAI could not run the Whisper decoder at position {first}: {ex.Message}", ex);
            }
        }

        private void Run(ReadOnlySpan<int> tokens, int firstPosition)
        {
            _generator.AppendTokens(tokens);
            if (_observer is not null)
            {
                for (var layer = 0; layer < _engine.CrossAttentionLayers; layer++)
                {
                    ObserveLayer(layer, firstPosition);
                }
            }
        }

        public void Dispose()
        {
            _generator?.Dispose();
            _parameters.Dispose();
            _features?.Dispose();
            _features = null;
            if (_pin.IsAllocated)
            {
                _pin.Free();
            }
        }

        private float[] LastRow(string name)
        {
            using var tensor = _generator.GetOutput(name);
            var shape = tensor.Shape();
            var vocabulary = checked((int)shape[^1]);
            var data = tensor.GetData<float>();
            VocabularySize = vocabulary;
            return data[^vocabulary..].ToArray();
        }

        private void ObserveLayer(int layer, int firstPosition)
        {
            using var tensor = _generator.GetOutput(_engine.CrossAttentionOutputName(layer));
            var shape = tensor.Shape();
            if (shape.Length != 4 || shape[0] != 1)
            {
                throw new WhisperWordTimestampsException(
                    $"'{_engine.CrossAttentionOutputName(layer)}' has shape [{string.Join(", ", shape)}]; word timestamps need [1, heads, positions, frames].");
            }

            var (heads, positions, frames) = ((int)shape[1], (int)shape[2], (int)shape[3]);
            var weights = tensor.GetData<float>().ToArray();
            for (var row = 0; row < heads * positions; row++)
            {
                Softmax(weights.AsSpan(row * frames, frames));
            }

            _observer!(layer, weights, heads, positions, frames, firstPosition);
        }

        private static void Softmax(Span<float> row)
        {
            var max = float.NegativeInfinity;
            foreach (var v in row)
            {
                max = Math.Max(max, v);
            }

            var sum = 0.0;
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = MathF.Exp(row[i] - max);
                sum += row[i];
            }

            var scale = (float)(1.0 / sum);
            for (var i = 0; i < row.Length; i++)
            {
                row[i] *= scale;
            }
        }
    }
}
