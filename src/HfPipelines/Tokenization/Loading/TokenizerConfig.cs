using System.Text.Json;
using System.Text.Json.Nodes;

namespace HfPipelines.Tokenization.Loading;

/// <summary>The contents of tokenizer_config.json merged with special_tokens_map.json and added_tokens.json.</summary>
internal sealed class TokenizerConfig
{
    /// <summary>The named special tokens, in the order <see cref="ITextTokenizer.SpecialTokens"/> lists them.</summary>
    public static readonly string[] SpecialTokenNames = ["bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token"];

    private TokenizerConfig(Dictionary<string, JsonNode?> values, Dictionary<string, string> specialTokens, Dictionary<string, int> addedTokens)
    {
        Values = values;
        SpecialTokens = specialTokens;
        AddedTokens = addedTokens;
    }

    public static TokenizerConfig Empty => new([], [], []);

    /// <summary>A config with only <c>do_lower_case</c> set (vocab.txt given without a tokenizer_config.json).</summary>
    public static TokenizerConfig LowerCase(bool? doLowerCase)
    {
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (doLowerCase is bool b)
        {
            values["do_lower_case"] = JsonValue.Create(b);
        }

        return new TokenizerConfig(values, [], []);
    }

    /// <summary>tokenizer_config.json's top-level fields.</summary>
    public Dictionary<string, JsonNode?> Values { get; }

    /// <summary>Named special tokens (bos_token ...) to their text.</summary>
    public Dictionary<string, string> SpecialTokens { get; }

    /// <summary>added_tokens.json (token to id).</summary>
    public Dictionary<string, int> AddedTokens { get; }

    public bool HasFile { get; private init; }

    public static TokenizerConfig Read(string? configPath, string? specialTokensMapPath, string? addedTokensPath)
    {
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var specials = new Dictionary<string, string>(StringComparer.Ordinal);
        var added = new Dictionary<string, int>(StringComparer.Ordinal);
        if (specialTokensMapPath is not null && File.Exists(specialTokensMapPath))
        {
            ReadSpecials(ReadObject(specialTokensMapPath), specials);
        }

        var hasFile = configPath is not null && File.Exists(configPath);
        if (hasFile)
        {
            var obj = ReadObject(configPath!);
            foreach (var (key, value) in obj)
            {
                values[key] = value?.DeepClone();
            }

            ReadSpecials(obj, specials);
        }

        if (addedTokensPath is not null && File.Exists(addedTokensPath))
        {
            var fields = new JsonFields(addedTokensPath);
            foreach (var (token, id) in ReadObject(addedTokensPath))
            {
                added[token] = fields.AsInt(id, token);
            }
        }

        return new TokenizerConfig(values, specials, added) { HasFile = hasFile };
    }

    /// <summary>The <c>added_tokens_decoder</c> entries (id to token settings) of tokenizer_config.json.</summary>
    public List<AddedToken> AddedTokensDecoder()
    {
        var result = new List<AddedToken>();
        if (Values.GetValueOrDefault("added_tokens_decoder") is not JsonObject decoder)
        {
            return result;
        }

        foreach (var (key, value) in decoder)
        {
            if (int.TryParse(key, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var id)
                && value is JsonObject token && token["content"] is JsonValue content && content.TryGetValue<string>(out var text))
            {
                var special = Flag(token, "special", false);
                result.Add(new AddedToken(text, id, special, Flag(token, "single_word", false), Flag(token, "lstrip", false), Flag(token, "rstrip", false), Flag(token, "normalized", !special)));
            }
        }

        return result;
    }

    public string? GetString(string name) =>
        Values.GetValueOrDefault(name) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public bool? GetBool(string name) =>
        Values.GetValueOrDefault(name) is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    public int? ModelMaxLength()
    {
        if (Values.GetValueOrDefault("model_max_length") is JsonValue v && v.TryGetValue<double>(out var d))
        {
            return d is > 0 and <= int.MaxValue ? (int)d : null;
        }

        return null;
    }

    public static JsonObject ReadObject(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonNode.Parse(stream, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true }) as JsonObject
                ?? throw TokenizerLoadException.ForField(path, "(root)", "must be a JSON object");
        }
        catch (JsonException e)
        {
            throw new TokenizerLoadException($"Cannot load tokenizer file '{path}': it is not valid JSON ({e.Message}). Download the file again from the model's repository.", e);
        }
        catch (IOException e)
        {
            throw new TokenizerLoadException($"Cannot read tokenizer file '{path}': {e.Message}", e);
        }
    }

    private static bool Flag(JsonObject obj, string name, bool fallback) =>
        obj[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : fallback;

    private static void ReadSpecials(JsonObject obj, Dictionary<string, string> specials)
    {
        foreach (var name in SpecialTokenNames)
        {
            var text = obj[name] switch
            {
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                JsonObject o when o["content"] is JsonValue c && c.TryGetValue<string>(out var s) => s,
                _ => null,
            };
            if (text is not null)
            {
                specials[name] = text;
            }
        }
    }
}
