using HfPipelines.Tokenization.Decoders;
using HfPipelines.Tokenization.Models;
using HfPipelines.Tokenization.Normalizers;
using HfPipelines.Tokenization.PreTokenizers;
using HfPipelines.Tokenization.Processors;

namespace HfPipelines.Tokenization.Loading;

/// <summary>Builds a pipeline from the files of a slow tokenizer (vocab.txt; vocab.json + merges.txt), as transformers'
/// <c>convert_slow_tokenizer</c> does.</summary>
internal static class LegacyReader
{
    private static readonly (string Name, string Default)[] s_bertSpecials =
        [("unk_token", "[UNK]"), ("sep_token", "[SEP]"), ("pad_token", "[PAD]"), ("cls_token", "[CLS]"), ("mask_token", "[MASK]")];

    /// <summary>BERT's vocab.txt: one token a line, the line number is the id.</summary>
    public static TokenizerPipeline WordPiece(string vocabPath, TokenizerConfig config) =>
        WordPiece(File.ReadAllLines(vocabPath), vocabPath, config);

    /// <summary>BERT's vocab.txt lines.</summary>
    public static TokenizerPipeline WordPiece(IReadOnlyList<string> lines, string vocabPath, TokenizerConfig config)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            ids.TryAdd(lines[i].TrimEnd('\r'), i);
        }

        var vocabulary = new Vocabulary(ids);
        foreach (var (name, fallback) in s_bertSpecials)
        {
            config.SpecialTokens.TryAdd(name, fallback);
        }

        // Python defaults do_lower_case to true; a vocabulary with upper-case words is a cased model, so it is kept cased.
        var lowercase = config.GetBool("do_lower_case") ?? !ids.Keys.Any(k => k.Length > 1 && k[0] != '[' && k.Any(char.IsUpper));
        var normalizer = new BertNormalizer(true, config.GetBool("tokenize_chinese_chars") ?? true, config.GetBool("strip_accents"), lowercase);
        var cls = Special(config, "cls_token", vocabulary, vocabPath);
        var sep = Special(config, "sep_token", vocabulary, vocabPath);
        var added = SpecialAddedTokens(config, vocabulary);
        return new TokenizerPipeline(
            normalizer,
            new BertPreTokenizer(),
            new WordPieceModel(vocabulary, config.SpecialTokens["unk_token"], "##", 100),
            TemplatePostProcessor.Bert(cls, sep),
            new WordPieceDecoder("##", cleanup: true),
            new AddedVocabulary(added, normalizer));
    }

    /// <summary>GPT-2/RoBERTa's vocab.json + merges.txt: byte-level BPE.</summary>
    public static TokenizerPipeline ByteLevelBpe(string vocabPath, string mergesPath, TokenizerConfig config)
    {
        var fields = new JsonFields(vocabPath);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (token, id) in TokenizerConfig.ReadObject(vocabPath))
        {
            ids[token] = fields.AsInt(id, token);
        }

        var vocabulary = new Vocabulary(ids);
        var merges = new List<(string, string)>();
        foreach (var line in File.ReadLines(mergesPath))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (line.StartsWith("#version", StringComparison.Ordinal) || space <= 0)
            {
                continue;
            }

            merges.Add((line[..space], line[(space + 1)..]));
        }

        var roberta = (config.GetString("tokenizer_class") ?? string.Empty).Contains("Roberta", StringComparison.OrdinalIgnoreCase)
            || (ids.ContainsKey("<s>") && ids.ContainsKey("</s>") && ids.ContainsKey("<mask>"));
        if (!roberta)
        {
            foreach (var name in new[] { "bos_token", "eos_token", "unk_token" })
            {
                config.SpecialTokens.TryAdd(name, "<|endoftext|>");
            }
        }
        else
        {
            foreach (var (name, token) in new[] { ("bos_token", "<s>"), ("eos_token", "</s>"), ("sep_token", "</s>"), ("cls_token", "<s>"), ("unk_token", "<unk>"), ("pad_token", "<pad>"), ("mask_token", "<mask>") })
            {
                config.SpecialTokens.TryAdd(name, token);
            }
        }

        var prefixSpace = config.GetBool("add_prefix_space") ?? false;
        var model = new BpeModel(vocabulary, merges, new BpeOptions(null, string.Empty, string.Empty, false, false, false));
        IPostProcessor post = roberta
            ? new TrimOffsetsPostProcessor(TemplatePostProcessor.Roberta(Special(config, "cls_token", vocabulary, vocabPath), Special(config, "sep_token", vocabulary, vocabPath)), prefixSpace)
            : new DefaultPostProcessor();
        return new TokenizerPipeline(null, new ByteLevelPreTokenizer(prefixSpace, true), model, post, new ByteLevelDecoder(), new AddedVocabulary(SpecialAddedTokens(config, vocabulary)));
    }

    private static (string, int) Special(TokenizerConfig config, string name, Vocabulary vocabulary, string file)
    {
        var token = config.SpecialTokens[name];
        return (token, vocabulary.TokenToId(token)
            ?? throw TokenizerLoadException.ForField(file, token, $"is missing: the {name} must be in the vocabulary"));
    }

    private static List<AddedToken> SpecialAddedTokens(TokenizerConfig config, Vocabulary vocabulary)
    {
        var result = new List<AddedToken>();
        foreach (var token in config.SpecialTokens.Values.Distinct(StringComparer.Ordinal))
        {
            if (vocabulary.TokenToId(token) is int id)
            {
                result.Add(new AddedToken(token, id, Special: true));
            }
        }

        foreach (var token in config.AddedTokensDecoder())
        {
            result.RemoveAll(t => t.Id == token.Id || t.Content == token.Content);
            result.Add(token);
        }

        foreach (var (token, id) in config.AddedTokens)
        {
            if (result.All(t => t.Content != token))
            {
                result.Add(new AddedToken(token, id, Special: false, Normalized: true));
            }
        }

        return result;
    }
}
