using System.Text.Json;

namespace HfPipelines.OnnxGenAI;

/// <summary>
/// Checks a GenAI model folder in managed code: <c>genai_config.json</c> exists and parses, it describes a
/// decoder-only text model whose decoder file is present, and reads the chat template and special tokens of
/// <c>tokenizer_config.json</c>. Thread-safe.
/// </summary>
public static class GenAIFolderReader
{
    private static readonly string[] s_otherParts = ["vision", "speech", "encoder", "embedding"];

    /// <summary>Reads and checks a folder.</summary>
    /// <param name="folder">The model folder.</param>
    /// <returns>What it holds.</returns>
    /// <exception cref="ModelLoadException">The folder or its config is missing, malformed, or not a decoder-only text model.</exception>
    public static GenAIFolderInfo Read(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var configPath = Path.Combine(folder, "genai_config.json");
        if (!Directory.Exists(folder) || !File.Exists(configPath))
        {
            throw new ModelLoadException($"'{folder}' is not an ONNX Runtime GenAI model folder: genai_config.json is missing. Export the model with onnxruntime_genai.models.builder or pass a folder that has one.");
        }

        JsonElement model;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(configPath));
            model = document.RootElement.GetProperty("model").Clone();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ModelLoadException($"'{configPath}' is not valid GenAI configuration (it must be JSON with a \"model\" object): {ex.Message}", ex);
        }

        var type = model.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : string.Empty;
        var parts = s_otherParts.Where(p => model.TryGetProperty(p, out _)).ToList();
        if (parts.Count > 0 || type is "whisper" or "phi3v" or "phi4mm" or "qwen2_5_vl" or "marian-ssru")
        {
            throw new ModelLoadException($"'{folder}' holds a '{type}' model with {(parts.Count > 0 ? string.Join(", ", parts) : "non-decoder")} parts; the GenAI chat client runs decoder-only text models (llama, phi3, qwen2, mistral, gemma, gpt2 ...)."
                + (type == "whisper" ? " A whisper folder runs as automatic-speech-recognition (OnnxGenAIWhisper.CreatePipeline, or hfp asr --model FOLDER)." : string.Empty));
        }

        var decoderFile = model.TryGetProperty("decoder", out var decoder) && decoder.TryGetProperty("filename", out var f) ? f.GetString() : null;
        if (string.IsNullOrEmpty(decoderFile) || !File.Exists(Path.Combine(folder, decoderFile)))
        {
            throw new ModelLoadException($"'{configPath}' names decoder file '{decoderFile}', which is not in the folder. Copy the complete model folder.");
        }

        var context = model.TryGetProperty("context_length", out var c) && c.TryGetInt32(out var n) ? n : 2048;
        var (template, bos, eos) = ReadTokenizerConfig(Path.Combine(folder, "tokenizer_config.json"));
        return new GenAIFolderInfo(type, context, template, bos, eos);
    }

    private static (string? Template, string? Bos, string? Eos) ReadTokenizerConfig(string path)
    {
        if (!File.Exists(path))
        {
            return (null, null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            return (Template(root), Token(root, "bos_token"), Token(root, "eos_token"));
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException($"'{path}' is not valid JSON: {ex.Message}", ex);
        }
    }

    private static string? Template(JsonElement root)
    {
        if (!root.TryGetProperty("chat_template", out var template))
        {
            return null;
        }

        if (template.ValueKind == JsonValueKind.String)
        {
            return template.GetString();
        }

        // A list of named templates: take "default", else the first.
        var named = template.ValueKind == JsonValueKind.Array ? template.EnumerateArray().ToList() : [];
        var chosen = named.FirstOrDefault(e => e.TryGetProperty("name", out var name) && name.GetString() == "default");
        chosen = chosen.ValueKind == JsonValueKind.Object ? chosen : named.FirstOrDefault();
        return chosen.ValueKind == JsonValueKind.Object && chosen.TryGetProperty("template", out var text) ? text.GetString() : null;
    }

    private static string? Token(JsonElement root, string key) =>
        !root.TryGetProperty(key, out var token) ? null
        : token.ValueKind == JsonValueKind.String ? token.GetString()
        : token.ValueKind == JsonValueKind.Object && token.TryGetProperty("content", out var content) ? content.GetString()
        : null;
}
