using HfPipelines.Tokenization;

namespace HfPipelines.Onnx;

/// <summary>What an encoder pipeline is built from: the model (owned or borrowed), its tokenizer and config.</summary>
internal sealed class EncoderContext
{
    public EncoderContext(OnnxModel model, bool ownsModel, ITextTokenizer tokenizer, EncoderModelConfig config, OnnxPipelineOptions options)
    {
        Model = model;
        OwnsModel = ownsModel;
        Tokenizer = tokenizer;
        Config = config;
        Options = options;
        MaxLength = options.MaxLength ?? config.SentenceMaxLength ?? (tokenizer.ModelMaxLength is > 0 and < 1_000_000 ? tokenizer.ModelMaxLength : config.MaxPositionEmbeddings);
        PadId = config.PadTokenId ?? (tokenizer.SpecialTokens.TryGetValue("pad_token", out var pad) ? pad.Id : 0);
    }

    public OnnxModel Model { get; }

    public bool OwnsModel { get; }

    public ITextTokenizer Tokenizer { get; }

    public EncoderModelConfig Config { get; }

    public OnnxPipelineOptions Options { get; }

    /// <summary>The longest input in tokens, or null for no limit.</summary>
    public int? MaxLength { get; }

    public int PadId { get; }
}
