using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HfPipelines.Tokenization.Decoders;
using HfPipelines.Tokenization.Normalizers;
using HfPipelines.Tokenization.PreTokenizers;

namespace HfPipelines.Tokenization.Loading;

/// <summary>Reads the normalizer, pre-tokenizer and decoder sections of a tokenizer.json.</summary>
internal sealed class ComponentReader(JsonFields fields)
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    public INormalizer? Normalizer(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        var obj = fields.Object(node, path);
        var type = fields.OptionalString(obj, "type", path);
        return type switch
        {
            "BertNormalizer" => new BertNormalizer(
                fields.Bool(obj, "clean_text", path, true), fields.Bool(obj, "handle_chinese_chars", path, true),
                fields.OptionalBool(obj, "strip_accents", path), fields.Bool(obj, "lowercase", path, true)),
            "Lowercase" => new LowercaseNormalizer(),
            "NFC" => new UnicodeFormNormalizer(NormalizationForm.FormC),
            "NFD" => new UnicodeFormNormalizer(NormalizationForm.FormD),
            "NFKC" => new UnicodeFormNormalizer(NormalizationForm.FormKC),
            "NFKD" => new UnicodeFormNormalizer(NormalizationForm.FormKD),

            // The compiled charsmap when it parses; else an approximation (nmt_nfkc rules + NFKC).
            "Precompiled" => (INormalizer?)PrecompiledNormalizer.TryCreate(fields.OptionalString(obj, "precompiled_charsmap", path)) ?? new NmtNfkcNormalizer(),
            "Nmt" => new NmtNfkcNormalizer(nfkc: false),
            "ByteLevel" => new ByteLevelNormalizer(),
            "StripAccents" => new StripAccentsNormalizer(),
            "Strip" => new StripNormalizer(fields.Bool(obj, "strip_left", path, true), fields.Bool(obj, "strip_right", path, true)),
            "Prepend" => new PrependNormalizer(fields.String(obj, "prepend", path)),
            "Replace" => new ReplaceNormalizer(Pattern(obj, path), fields.String(obj, "content", path)),
            "Sequence" => new SequenceNormalizer(
                [.. fields.Array(obj["normalizers"], $"{path}.normalizers").Select((n, i) => Normalizer(n, $"{path}.normalizers[{i}]")!)]),
            _ => throw fields.Unsupported(path, type, "BertNormalizer, Lowercase, NFC, NFD, NFKC, NFKD, Precompiled, Nmt, ByteLevel, StripAccents, Strip, Prepend, Replace, Sequence"),
        };
    }

    public IPreTokenizer? PreTokenizer(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        var obj = fields.Object(node, path);
        var type = fields.OptionalString(obj, "type", path);
        return type switch
        {
            "BertPreTokenizer" => new BertPreTokenizer(),
            "ByteLevel" => new ByteLevelPreTokenizer(fields.Bool(obj, "add_prefix_space", path, true), fields.Bool(obj, "use_regex", path, true)),
            "Whitespace" => new RegexSplitPreTokenizer(new Regex(@"\w+|[^\w\s]+", Options), SplitBehavior.Removed, invert: true),
            "WhitespaceSplit" => new WhitespaceSplitPreTokenizer(),
            "CharDelimiterSplit" => new RegexSplitPreTokenizer(
                new Regex(Regex.Escape(fields.String(obj, "delimiter", path)), Options), SplitBehavior.Removed, invert: false),
            "Metaspace" => Metaspace(obj, path),
            "Split" => new RegexSplitPreTokenizer(Pattern(obj, path), Behavior(obj, path), fields.Bool(obj, "invert", path, false)),
            "Digits" => new RegexSplitPreTokenizer(
                new Regex(fields.Bool(obj, "individual_digits", path, false) ? @"\p{N}" : @"\p{N}+", Options), SplitBehavior.Isolated, invert: false),
            "Punctuation" => new RegexSplitPreTokenizer(new Regex(@"[\p{P}!-/:-@\[-`{-~]", Options), Behavior(obj, path), invert: false),
            "Sequence" => new SequencePreTokenizer(
                [.. fields.Array(obj["pretokenizers"], $"{path}.pretokenizers").Select((n, i) => PreTokenizer(n, $"{path}.pretokenizers[{i}]")!)]),
            _ => throw fields.Unsupported(path, type, "BertPreTokenizer, ByteLevel, Whitespace, WhitespaceSplit, CharDelimiterSplit, Metaspace, Split, Digits, Punctuation, Sequence"),
        };
    }

    public IDecoder? Decoder(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        var obj = fields.Object(node, path);
        var type = fields.OptionalString(obj, "type", path);
        return type switch
        {
            "WordPiece" => new WordPieceDecoder(fields.OptionalString(obj, "prefix", path) ?? "##", fields.Bool(obj, "cleanup", path, true)),
            "ByteLevel" => new ByteLevelDecoder(),
            "Metaspace" => new MetaspaceDecoder(Replacement(obj, path), PrependScheme(obj, path) != "never"),
            "Replace" => new ReplaceDecoder(Pattern(obj, path), fields.String(obj, "content", path)),
            "ByteFallback" => new ByteFallbackDecoder(),
            "Fuse" => new FuseDecoder(),
            "Strip" => new StripDecoder(fields.String(obj, "content", path) is [var c] ? c : ' ', fields.Int(obj, "start", path, 0), fields.Int(obj, "stop", path, 0)),
            "BPEDecoder" => new BpeSuffixDecoder(fields.OptionalString(obj, "suffix", path) ?? "</w>"),
            "CTC" => new CtcDecoder(
                fields.OptionalString(obj, "pad_token", path) ?? "<pad>", fields.OptionalString(obj, "word_delimiter_token", path) ?? "|", fields.Bool(obj, "cleanup", path, true)),
            "Sequence" => new SequenceDecoder(
                [.. fields.Array(obj["decoders"], $"{path}.decoders").Select((n, i) => Decoder(n, $"{path}.decoders[{i}]")!)]),
            _ => throw fields.Unsupported(path, type, "WordPiece, ByteLevel, Metaspace, Replace, ByteFallback, Fuse, Strip, BPEDecoder, CTC, Sequence"),
        };
    }

    private MetaspacePreTokenizer Metaspace(JsonObject obj, string path) =>
        new(Replacement(obj, path), PrependScheme(obj, path), fields.Bool(obj, "split", path, true));

    private char Replacement(JsonObject obj, string path) =>
        (fields.OptionalString(obj, "replacement", path) ?? "\u2581") is [var c]
            ? c
            : throw TokenizerLoadException.ForField(fields.File, $"{path}.replacement", "must be one char");

    private string PrependScheme(JsonObject obj, string path)
    {
        var scheme = fields.OptionalString(obj, "prepend_scheme", path);
        if (scheme is null)
        {
            return fields.Bool(obj, "add_prefix_space", path, true) ? "always" : "never";
        }

        return scheme is "always" or "first" or "never"
            ? scheme
            : throw TokenizerLoadException.ForField(fields.File, $"{path}.prepend_scheme", "must be 'always', 'first' or 'never'");
    }

    private Regex Pattern(JsonObject obj, string path)
    {
        var pattern = fields.Object(obj["pattern"], $"{path}.pattern");
        if (pattern["String"] is { } s)
        {
            return new Regex(Regex.Escape(fields.AsString(s, $"{path}.pattern.String")), Options);
        }

        var regex = fields.AsString(pattern["Regex"], $"{path}.pattern.Regex");
        try
        {
            return new Regex(regex, Options);
        }
        catch (ArgumentException e)
        {
            throw TokenizerLoadException.ForField(fields.File, $"{path}.pattern.Regex", $"is not a regex .NET can run ({e.Message})", e);
        }
    }

    private SplitBehavior Behavior(JsonObject obj, string path)
    {
        var behavior = fields.OptionalString(obj, "behavior", path) ?? "Isolated";
        return Enum.TryParse<SplitBehavior>(behavior, out var b)
            ? b
            : throw TokenizerLoadException.ForField(fields.File, $"{path}.behavior", "must be Removed, Isolated, MergedWithPrevious, MergedWithNext or Contiguous");
    }
}
