using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Onnx;

namespace HfPipelines.OnnxGenAI.Whisper;

/// <summary>
/// What a GenAI Whisper folder's <c>genai_config.json</c> says, checked in managed code: the type is whisper, the
/// encoder and decoder files exist and are ONNX models with the inputs and outputs the config names, and the folder has
/// the tokenizer. A bad folder fails here with <see cref="ModelLoadException"/>, before ONNX Runtime GenAI sees it.
/// </summary>
internal sealed class GenAIWhisperFolder
{
    private GenAIWhisperFolder(string folder, JsonObject model, JsonObject? search)
    {
        Folder = folder;
        Model = model;
        Search = search;
    }

    public string Folder { get; }

    public JsonObject Model { get; }

    public JsonObject? Search { get; }

    public string LogitsName { get; private set; } = "logits";

    public string AudioFeaturesName { get; private set; } = "audio_features";

    public string CrossQkPattern { get; private set; } = "output_cross_qk_%d";

    public int CrossAttentionLayers { get; private set; }

    public int ContextLength => Int(Model["context_length"]) ?? 448;

    public int VocabularySize => Int(Model["vocab_size"]) ?? 51865;

    /// <summary>Whether <paramref name="folder"/> holds a genai_config.json whose model type is whisper (nothing else is checked).</summary>
    public static bool IsWhisper(string folder)
    {
        var path = Path.Combine(folder, "genai_config.json");
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            return (string?)JsonNode.Parse(File.ReadAllText(path))?["model"]?["type"] == "whisper";
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    public static GenAIWhisperFolder Read(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var configPath = Path.Combine(folder, "genai_config.json");
        if (!File.Exists(configPath))
        {
            throw new ModelLoadException($"'{folder}' is not an ONNX Runtime GenAI model folder: genai_config.json is missing. Export the model with onnxruntime_genai.models.builder or pass a folder that has one.");
        }

        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(configPath)) as JsonObject ?? throw new JsonException("the file is not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException($"'{configPath}' is not valid GenAI configuration: {ex.Message}", ex);
        }

        var model = root["model"] as JsonObject ?? throw new ModelLoadException($"'{configPath}' has no \"model\" object.");
        var type = (string?)model["type"];
        if (type != "whisper")
        {
            throw new ModelLoadException($"'{folder}' holds a GenAI '{type}' model, not whisper. Speech recognition through GenAI needs a folder exported from a Whisper model.");
        }

        var result = new GenAIWhisperFolder(folder, model, root["search"] as JsonObject);
        result.Check(configPath);
        return result;
    }

    /// <summary>The model's mel bins: audio_processor_config.json's <c>n_mel</c>, else preprocessor_config.json's
    /// <c>feature_size</c>, else 80.</summary>
    public int MelBins()
    {
        var processor = Path.Combine(Folder, "audio_processor_config.json");
        if (ReadJson(processor) is { } config
            && config["feature_extraction"]?["sequence"] is JsonArray steps)
        {
            foreach (var step in steps)
            {
                if (Int(step?["operation"]?["attrs"]?["n_mel"]) is { } mels)
                {
                    return mels;
                }
            }
        }

        var preprocessor = Path.Combine(Folder, "preprocessor_config.json");
        return ReadJson(preprocessor) is { } pre && Int(pre["feature_size"]) is { } size ? size : 80;
    }

    /// <summary>A JSON object file of the folder (generation_config.json ...), or null when the file does not exist.</summary>
    /// <exception cref="ModelLoadException">The file is not valid JSON.</exception>
    public static JsonObject? ReadJson(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException($"'{path}' is not valid JSON: {ex.Message}", ex);
        }
    }

    private static int? Int(JsonNode? node) => node is JsonValue value && value.TryGetValue<int>(out var i) ? i : null;

    private static string Name(JsonNode? section, string key, string fallback) => (string?)section?[key] ?? fallback;

    private static string Compose(string pattern, int layer) => pattern.Replace("%d", layer.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private void Check(string configPath)
    {
        var encoder = Model["encoder"] as JsonObject ?? throw new ModelLoadException($"'{configPath}' has no model.encoder section: a GenAI Whisper folder has an encoder and a decoder.");
        var decoder = Model["decoder"] as JsonObject ?? throw new ModelLoadException($"'{configPath}' has no model.decoder section: a GenAI Whisper folder has an encoder and a decoder.");
        var encoderSignature = Signature(encoder, "encoder", configPath);
        var decoderSignature = Signature(decoder, "decoder", configPath);

        AudioFeaturesName = Name(encoder["inputs"], "audio_features", "audio_features");
        Require(encoderSignature.Inputs, AudioFeaturesName, "encoder", "input", encoder);
        var ids = Name(decoder["inputs"], "input_ids", "input_ids");
        Require(decoderSignature.Inputs, ids, "decoder", "input", decoder);
        LogitsName = Name(decoder["outputs"], "logits", "logits");
        Require(decoderSignature.Outputs, LogitsName, "decoder", "output", decoder);

        CrossQkPattern = Name(decoder["outputs"], "output_cross_qk_names", "output_cross_qk_%d");
        var layers = 0;
        while (decoderSignature.Outputs.Contains(Compose(CrossQkPattern, layers)))
        {
            layers++;
        }

        CrossAttentionLayers = layers;
        if (!File.Exists(Path.Combine(Folder, "tokenizer.json")))
        {
            throw new ModelLoadException($"'{Folder}' has no tokenizer.json. Copy the Whisper tokenizer files (tokenizer.json, tokenizer_config.json) into the GenAI folder.");
        }
    }

    private OnnxModelSignature Signature(JsonObject section, string part, string configPath)
    {
        var file = (string?)section["filename"];
        if (string.IsNullOrEmpty(file))
        {
            throw new ModelLoadException($"'{configPath}' names no model.{part}.filename.");
        }

        var path = Path.Combine(Folder, file);
        if (!File.Exists(path))
        {
            throw new ModelLoadException($"'{configPath}' names {part} file '{file}', which is not in the folder. Copy the complete model folder (the {part} is part of the export).");
        }

        return OnnxModelSignature.Read(path);
    }

    private void Require(IReadOnlyList<string> names, string name, string part, string kind, JsonObject section)
    {
        if (!names.Contains(name))
        {
            throw new ModelLoadException(
                $"The {part} '{(string?)section["filename"]}' in '{Folder}' has no {kind} '{name}' (it has {string.Join(", ", names)}): the file does not match genai_config.json. Use the files of one export.");
        }
    }

    internal string CrossQkName(int layer) => Compose(CrossQkPattern, layer);
}
