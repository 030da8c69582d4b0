using System.Text.Json.Nodes;

namespace HfPipelines.Tokenization.Loading;

/// <summary>Builds a <see cref="TokenizerPipeline"/> from a tokenizer.json file.</summary>
internal static class TokenizerJsonReader
{
    public static TokenizerPipeline Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new TokenizerLoadException($"Tokenizer file '{path}' does not exist. Pass the path of the model's tokenizer.json.");
        }

        var root = TokenizerConfig.ReadObject(path);
        var fields = new JsonFields(path);
        var components = new ComponentReader(fields);
        var model = new ModelReader(fields).Read(root["model"]);
        var normalizer = components.Normalizer(root["normalizer"], "normalizer");
        return new TokenizerPipeline(
            normalizer,
            components.PreTokenizer(root["pre_tokenizer"], "pre_tokenizer"),
            model,
            new PostProcessorReader(fields).Read(root["post_processor"], "post_processor"),
            components.Decoder(root["decoder"], "decoder"),
            new AddedVocabulary(AddedTokens(fields, root["added_tokens"]), normalizer));
    }

    private static List<AddedToken> AddedTokens(JsonFields fields, JsonNode? node)
    {
        var result = new List<AddedToken>();
        if (node is null)
        {
            return result;
        }

        var array = fields.Array(node, "added_tokens");
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"added_tokens[{i}]";
            var token = fields.Object(array[i], path);
            result.Add(new AddedToken(
                fields.String(token, "content", path),
                fields.AsInt(token["id"], $"{path}.id"),
                fields.Bool(token, "special", path, false),
                fields.Bool(token, "single_word", path, false),
                fields.Bool(token, "lstrip", path, false),
                fields.Bool(token, "rstrip", path, false),
                fields.Bool(token, "normalized", path, !fields.Bool(token, "special", path, false))));
        }

        return result;
    }
}
