using System.Text.Json;

namespace HfPipelines.Safetensors.Graph;

/// <summary>What the graph builder reads of an encoder's <c>config.json</c>, under each family's own key names.</summary>
internal sealed record EncoderConfig(
    string ModelType,
    int HiddenSize,
    int Heads,
    int Layers,
    int IntermediateSize,
    string Activation,
    float LayerNormEps,
    int MaxPositions,
    int TypeVocabSize,
    long PadTokenId,
    int RelativeBuckets = 0)
{
    /// <summary>True for the DistilBERT family (its own weight names, no token types, LayerNorm eps 1e-12).</summary>
    public bool IsDistilBert => ModelType == "distilbert";

    /// <summary>True for RoBERTa and XLM-RoBERTa (positions counted from the padding index, no token_type_ids input).</summary>
    public bool IsRoberta => ModelType is "roberta" or "xlm-roberta";

    /// <summary>True for MPNet (relative position bias in every layer's attention, RoBERTa-style positions and heads).</summary>
    public bool IsMpnet => ModelType == "mpnet";

    /// <summary>True when positions count from the padding index (RoBERTa, XLM-RoBERTa, MPNet).</summary>
    public bool PositionsFromPadding => IsRoberta || IsMpnet;

    /// <summary>The padding index positions count from: MPNet's is fixed at 1 (as in transformers), RoBERTa's is pad_token_id.</summary>
    public long PositionPadding => IsMpnet ? 1 : PadTokenId;

    /// <summary>True when the heads are RoBERTa's (classifier.dense + out_proj, lm_head): RoBERTa, XLM-RoBERTa, MPNet.</summary>
    public bool HasRobertaHeads => IsRoberta || IsMpnet;

    /// <summary>The family's name in transformers' class names (BertForSequenceClassification ...).</summary>
    public string FamilyName => ModelType switch { "bert" => "Bert", "distilbert" => "DistilBert", "xlm-roberta" => "XLMRoberta", "mpnet" => "MPNet", _ => "Roberta" };

    /// <summary>The size of one attention head.</summary>
    public int HeadSize => HiddenSize / Heads;

    /// <summary>Reads <c>model_type</c> only; null when the file is missing, unreadable or has none.</summary>
    public static string? ReadModelType(string configPath)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(configPath));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("model_type", out var type) && type.ValueKind == JsonValueKind.String
                ? type.GetString()
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads and checks the config of a supported family.</summary>
    /// <exception cref="ModelLoadException">Missing or malformed file, unsupported family or values.</exception>
    public static EncoderConfig Read(string configPath)
    {
        if (!File.Exists(configPath))
        {
            throw new ModelLoadException($"'{configPath}' does not exist: a safetensors checkpoint needs its config.json. Copy the complete model folder, or download it again (hfp models pull).");
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(configPath));
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException($"'{configPath}' is not valid JSON ({ex.Message.Split('.')[0]}). Download the model again (hfp models pull).");
        }

        var reader = new ConfigReader(root, configPath);
        var type = reader.String("model_type", null);
        if (type is null || !EncoderGraphBuilder.SupportedModelTypes.Contains(type))
        {
            throw new ModelLoadException($"'{configPath}': model_type '{type ?? "(none)"}' cannot be built from safetensors; supported: {string.Join(", ", EncoderGraphBuilder.SupportedModelTypes)}. Use an ONNX export of this model (optimum-cli export onnx).");
        }

        var config = type == "distilbert" ? ReadDistilBert(reader, type) : ReadBert(reader, type, configPath);
        Check(config, configPath);
        return config;
    }

    private static EncoderConfig ReadBert(ConfigReader reader, string type, string configPath)
    {
        var positionType = reader.String("position_embedding_type", "absolute");
        if (positionType != "absolute")
        {
            throw new ModelLoadException($"'{configPath}': position_embedding_type '{positionType}' is not supported by the safetensors graph builder (only 'absolute'). Use an ONNX export of this model (optimum-cli export onnx).");
        }

        return new EncoderConfig(
            type,
            reader.Int("hidden_size"),
            reader.Int("num_attention_heads"),
            reader.Int("num_hidden_layers"),
            reader.Int("intermediate_size"),
            reader.String("hidden_act", "gelu")!,
            (float)reader.Double("layer_norm_eps", 1e-12),
            reader.Int("max_position_embeddings"),
            reader.Int("type_vocab_size", type == "mpnet" ? 0 : 2),
            reader.Long("pad_token_id", type == "bert" ? 0 : 1),
            type == "mpnet" ? reader.Int("relative_attention_num_buckets", 32) : 0);
    }

    private static EncoderConfig ReadDistilBert(ConfigReader reader, string type) =>
        new(
            type,
            reader.Int("dim"),
            reader.Int("n_heads"),
            reader.Int("n_layers"),
            reader.Int("hidden_dim"),
            reader.String("activation", "gelu")!,
            1e-12f,
            reader.Int("max_position_embeddings"),
            0,
            reader.Long("pad_token_id", 0));

    private static void Check(EncoderConfig config, string configPath)
    {
        if (config.HiddenSize <= 0 || config.Heads <= 0 || config.Layers <= 0 || config.IntermediateSize <= 0 || config.MaxPositions <= 0 || config.HiddenSize % config.Heads != 0)
        {
            throw new ModelLoadException($"'{configPath}': hidden size {config.HiddenSize}, {config.Heads} heads, {config.Layers} layers, intermediate size {config.IntermediateSize}, {config.MaxPositions} positions do not describe an encoder (sizes must be positive, the hidden size a multiple of the heads). Download the model again (hfp models pull).");
        }

        if (!EncoderActivation.IsSupported(config.Activation))
        {
            throw new ModelLoadException($"'{configPath}': activation '{config.Activation}' is not supported by the safetensors graph builder (gelu, gelu_new, gelu_pytorch_tanh, gelu_fast, relu, silu, swish). Use an ONNX export of this model (optimum-cli export onnx).");
        }
    }
}
