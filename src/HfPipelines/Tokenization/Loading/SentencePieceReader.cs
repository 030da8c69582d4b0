using System.Text;
using System.Text.RegularExpressions;
using HfPipelines.Tokenization.Decoders;
using HfPipelines.Tokenization.Models;
using HfPipelines.Tokenization.Normalizers;
using HfPipelines.Tokenization.PreTokenizers;
using HfPipelines.Tokenization.Processors;
using static HfPipelines.Tokenization.Loading.SentencePieceModelFile;

namespace HfPipelines.Tokenization.Loading;

/// <summary>Builds a pipeline from a SentencePiece model file, as transformers' <c>convert_slow_tokenizer</c> does
/// (Unigram: Metaspace; BPE: Llama's Prepend/Replace with byte fallback). Marian: pieces of source.spm, ids of vocab.json.</summary>
internal static class SentencePieceReader
{
    public static TokenizerPipeline Read(string spmPath, TokenizerConfig config, string? marianVocabPath)
    {
        var spm = SentencePieceModelFile.Read(spmPath);
        var pieces = spm.Pieces;
        var unk = spm.UnkId >= 0 && spm.UnkId < pieces.Count ? pieces[spm.UnkId].Piece : "<unk>";
        ITokenizerModel model = spm.ModelType == 2 ? Bpe(spm) : new UnigramModel([.. pieces.Select(p => (p.Piece, (double)p.Score))], spm.UnkId, spm.ByteFallback);
        var added = pieces.Select((p, id) => (p, id))
            .Where(x => x.p.Type is PieceType.Control or PieceType.Unknown or PieceType.UserDefined)
            .Select(x => new AddedToken(x.p.Piece, x.id, Special: x.p.Type != PieceType.UserDefined))
            .ToList();
        if (marianVocabPath is not null)
        {
            var vocabulary = ReadVocab(marianVocabPath);
            model = new RemappedModel(model, vocabulary, unk);
            added = [.. new[] { "</s>", "<unk>", "<pad>" }.Where(t => vocabulary.TokenToId(t) is not null).Select(t => new AddedToken(t, vocabulary.TokenToId(t)!.Value, Special: true))];
            config.SpecialTokens.TryAdd("eos_token", "</s>");
            config.SpecialTokens.TryAdd("unk_token", "<unk>");
            config.SpecialTokens.TryAdd("pad_token", "<pad>");
        }

        foreach (var token in config.AddedTokensDecoder())
        {
            added.RemoveAll(t => t.Id == token.Id || t.Content == token.Content);
            added.Add(token);
        }

        config.SpecialTokens.TryAdd("unk_token", unk);
        var normalizer = spm.ModelType == 2 ? LlamaNormalizer(spm) : UnigramNormalizer(spm);
        var vocab = new AddedVocabulary(added, normalizer);
        var post = PostProcessor(config, vocab, marianVocabPath is not null);
        return spm.ModelType == 2
            ? new TokenizerPipeline(normalizer, null, model, post, LlamaDecoder(spm), vocab)
            : new TokenizerPipeline(normalizer, new MetaspacePreTokenizer('\u2581', spm.AddDummyPrefix ? "always" : "never", true), model, post, new MetaspaceDecoder('\u2581', spm.AddDummyPrefix), vocab);
    }

    private static BpeModel Bpe(SentencePieceModelFile spm)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < spm.Pieces.Count; i++)
        {
            ids.TryAdd(spm.Pieces[i].Piece, i);
        }

        // SentencePiece BPE merges the pair whose merged piece scores highest: merges ranked by that score.
        var merges = new List<(string, string, float, int)>();
        for (var i = 0; i < spm.Pieces.Count; i++)
        {
            var (piece, score, type) = spm.Pieces[i];
            for (var k = 1; type == PieceType.Normal && k < piece.Length; k++)
            {
                if (!char.IsLowSurrogate(piece[k]) && ids.ContainsKey(piece[..k]) && ids.ContainsKey(piece[k..]))
                {
                    merges.Add((piece[..k], piece[k..], score, i));
                }
            }
        }

        var ordered = merges.OrderByDescending(m => m.Item3).ThenBy(m => m.Item4).Select(m => (m.Item1, m.Item2)).ToList();
        var unk = spm.UnkId >= 0 && spm.UnkId < spm.Pieces.Count ? spm.Pieces[spm.UnkId].Piece : null;
        return new BpeModel(new Vocabulary(ids), ordered, new BpeOptions(unk, string.Empty, string.Empty, true, spm.ByteFallback, false));
    }

    private static SequenceNormalizer UnigramNormalizer(SentencePieceModelFile spm)
    {
        var list = new List<INormalizer>();
        var precompiled = PrecompiledNormalizer.TryCreate(spm.PrecompiledCharsmap);
        if (precompiled is not null)
        {
            list.Add(precompiled);
        }
        else if (spm.NormalizerName.Contains("nfkc", StringComparison.Ordinal))
        {
            list.Add(spm.NormalizerName.StartsWith("nmt", StringComparison.Ordinal) ? new NmtNfkcNormalizer() : new UnicodeFormNormalizer(NormalizationForm.FormKC));
        }

        if (precompiled is null && spm.NormalizerName.EndsWith("_cf", StringComparison.Ordinal))
        {
            list.Add(new LowercaseNormalizer());
        }

        if (spm.RemoveExtraWhitespaces)
        {
            list.Add(new StripNormalizer(true, true));
            list.Add(new ReplaceNormalizer(new Regex(" {2,}", RegexOptions.CultureInvariant), " "));
        }

        return new SequenceNormalizer(list);
    }

    private static SequenceNormalizer LlamaNormalizer(SentencePieceModelFile spm) => new(
        spm.AddDummyPrefix
            ? [new PrependNormalizer("\u2581"), new ReplaceNormalizer(new Regex(" ", RegexOptions.CultureInvariant), "\u2581")]
            : [new ReplaceNormalizer(new Regex(" ", RegexOptions.CultureInvariant), "\u2581")]);

    private static SequenceDecoder LlamaDecoder(SentencePieceModelFile spm) => new(
        [new ReplaceDecoder(new Regex("\u2581", RegexOptions.CultureInvariant), " "), new ByteFallbackDecoder(), new FuseDecoder(), new StripDecoder(' ', spm.AddDummyPrefix ? 1 : 0, 0)]);

    /// <summary>T5 and Marian append <c>&lt;/s&gt;</c>; Llama prepends <c>&lt;s&gt;</c> (add_bos_token, default true).</summary>
    private static IPostProcessor PostProcessor(TokenizerConfig config, AddedVocabulary vocab, bool marian)
    {
        var tokenizerClass = config.GetString("tokenizer_class") ?? string.Empty;
        var eos = vocab.ByContent("</s>");
        var bos = vocab.ByContent("<s>");
        if ((marian || tokenizerClass.Contains("T5", StringComparison.Ordinal) || tokenizerClass.Contains("Marian", StringComparison.Ordinal)) && eos is not null)
        {
            var specials = new Dictionary<string, (int[], string[])> { ["</s>"] = ([eos.Id], ["</s>"]) };
            return new TemplatePostProcessor(
                [new(true, "A", 0), new(false, "</s>", 0)],
                [new(true, "A", 0), new(false, "</s>", 0), new(true, "B", 0), new(false, "</s>", 0)],
                specials);
        }

        if (tokenizerClass.Contains("Llama", StringComparison.Ordinal) && bos is not null && (config.GetBool("add_bos_token") ?? true))
        {
            var specials = new Dictionary<string, (int[], string[])> { ["<s>"] = ([bos.Id], ["<s>"]) };
            return new TemplatePostProcessor(
                [new(false, "<s>", 0), new(true, "A", 0)],
                [new(false, "<s>", 0), new(true, "A", 0), new(false, "<s>", 1), new(true, "B", 1)],
                specials);
        }

        return new DefaultPostProcessor();
    }

    private static Vocabulary ReadVocab(string path)
    {
        var fields = new JsonFields(path);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (token, id) in TokenizerConfig.ReadObject(path))
        {
            ids[token] = fields.AsInt(id, token);
        }

        return new Vocabulary(ids);
    }
}
