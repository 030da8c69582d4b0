using System.Text.Json.Nodes;
using HfPipelines.Tokenization.Models;

namespace HfPipelines.Tokenization.Loading;

/// <summary>Reads the <c>model</c> section of a tokenizer.json, in the current layout or the older one without <c>type</c>.</summary>
internal sealed class ModelReader(JsonFields fields)
{
    public ITokenizerModel Read(JsonNode? node)
    {
        const string path = "model";
        var obj = fields.Object(node, path);
        var type = fields.OptionalString(obj, "type", path) ?? Guess(obj);
        return type switch
        {
            "WordPiece" => new WordPieceModel(
                VocabMap(obj), fields.OptionalString(obj, "unk_token", path) ?? "[UNK]",
                fields.OptionalString(obj, "continuing_subword_prefix", path) ?? "##", fields.Int(obj, "max_input_chars_per_word", path, 100)),
            "BPE" => Bpe(obj),
            "Unigram" => Unigram(obj),
            "WordLevel" => new WordLevelModel(VocabMap(obj), fields.OptionalString(obj, "unk_token", path)),
            _ => throw fields.Unsupported(path, type, "WordPiece, BPE, Unigram, WordLevel"),
        };
    }

    private static string Guess(JsonObject obj)
    {
        if (obj["merges"] is not null)
        {
            return "BPE";
        }

        if (obj["vocab"] is JsonArray)
        {
            return "Unigram";
        }

        return obj["continuing_subword_prefix"] is not null || obj["max_input_chars_per_word"] is not null ? "WordPiece" : "WordLevel";
    }

    private Vocabulary VocabMap(JsonObject obj)
    {
        var vocab = fields.Object(obj["vocab"], "model.vocab");
        var ids = new Dictionary<string, int>(vocab.Count, StringComparer.Ordinal);
        foreach (var (token, id) in vocab)
        {
            ids[token] = fields.AsInt(id, $"model.vocab[\"{token}\"]");
        }

        return new Vocabulary(ids);
    }

    private BpeModel Bpe(JsonObject obj)
    {
        const string path = "model";
        var vocab = VocabMap(obj);
        var merges = fields.Array(obj["merges"], "model.merges");
        var pairs = new List<(string, string)>(merges.Count);
        for (var i = 0; i < merges.Count; i++)
        {
            pairs.Add(Merge(merges[i], $"model.merges[{i}]"));
        }

        return new BpeModel(vocab, pairs, new BpeOptions(
            fields.OptionalString(obj, "unk_token", path),
            fields.OptionalString(obj, "continuing_subword_prefix", path) ?? string.Empty,
            fields.OptionalString(obj, "end_of_word_suffix", path) ?? string.Empty,
            fields.Bool(obj, "fuse_unk", path, false),
            fields.Bool(obj, "byte_fallback", path, false),
            fields.Bool(obj, "ignore_merges", path, false)));
    }

    private (string, string) Merge(JsonNode? node, string path)
    {
        if (node is JsonArray { Count: 2 } pair)
        {
            return (fields.AsString(pair[0], $"{path}[0]"), fields.AsString(pair[1], $"{path}[1]"));
        }

        var text = fields.AsString(node, path);
        var space = text.IndexOf(' ', 1);
        return space > 0
            ? (text[..space], text[(space + 1)..])
            : throw TokenizerLoadException.ForField(fields.File, path, "must be \"a b\" or [\"a\", \"b\"]");
    }

    private UnigramModel Unigram(JsonObject obj)
    {
        var vocab = fields.Array(obj["vocab"], "model.vocab");
        var pieces = new List<(string, double)>(vocab.Count);
        for (var i = 0; i < vocab.Count; i++)
        {
            var entry = fields.Array(vocab[i], $"model.vocab[{i}]");
            pieces.Add((fields.AsString(entry[0], $"model.vocab[{i}][0]"), fields.AsDouble(entry.Count > 1 ? entry[1] : null, $"model.vocab[{i}][1]")));
        }

        return new UnigramModel(pieces, fields.OptionalInt(obj, "unk_id", "model"), fields.Bool(obj, "byte_fallback", "model", false));
    }
}
