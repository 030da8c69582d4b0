using HfPipelines.Tokenization.Decoders;
using HfPipelines.Tokenization.Models;
using HfPipelines.Tokenization.Normalizers;
using HfPipelines.Tokenization.PreTokenizers;
using HfPipelines.Tokenization.Processors;

namespace HfPipelines.Tokenization;

/// <summary>The parts of a Hugging Face tokenizer: normalizer, pre-tokenizer, model, post-processor, decoder, added tokens.</summary>
internal sealed class TokenizerPipeline(
    INormalizer? normalizer,
    IPreTokenizer? preTokenizer,
    ITokenizerModel model,
    IPostProcessor postProcessor,
    IDecoder? decoder,
    AddedVocabulary addedVocabulary)
{
    private EncodeScratch? _spare;

    public ITokenizerModel Model => model;

    public IPostProcessor PostProcessor => postProcessor;

    public AddedVocabulary AddedVocabulary => addedVocabulary;

    public IDecoder? Decoder => decoder;

    /// <summary>The same tokenizer with another post-processor.</summary>
    public TokenizerPipeline WithPostProcessor(IPostProcessor processor) =>
        new(normalizer, preTokenizer, model, processor, decoder, addedVocabulary);

    /// <summary>Lends the spare working buffers (or new ones when they are lent out); give them back with
    /// <see cref="Return"/>.</summary>
    public EncodeScratch Rent() => Interlocked.Exchange(ref _spare, null) ?? new EncodeScratch();

    /// <summary>Takes buffers back for the next call; nothing may use them or the parts in them afterwards.</summary>
    public void Return(EncodeScratch scratch) => Volatile.Write(ref _spare, scratch);

    /// <summary>Tokenizes one sequence (no special tokens added) into <paramref name="parts"/>, which is cleared first.</summary>
    public EncodingParts EncodeSequence(string text, int sequenceId, EncodeScratch scratch, EncodingParts parts)
    {
        parts.Clear();
        var word = 0;
        var tokens = scratch.Tokens;
        var pieces = scratch.Pieces;
        pieces.Clear();
        addedVocabulary.Split(text, normalizer, pieces);
        foreach (var (piece, added) in pieces)
        {
            if (added is not null)
            {
                parts.Add(added.Id, added.Content, piece.OriginalRange(0, piece.Length), word++, sequenceId, sequenceId, special: false);
                continue;
            }

            var ranges = scratch.Ranges;
            ranges.Clear();
            if (preTokenizer is IRangePreTokenizer splitter && splitter.Split(piece, ranges) is { } target)
            {
                // Words are ranges of one text: tokenized as spans, no string or alignment copy per word.
                foreach (var (start, end) in ranges)
                {
                    AddWord(parts, tokens, target, start, end, word++, sequenceId);
                }

                continue;
            }

            if (preTokenizer is null)
            {
                if (piece.Length > 0)
                {
                    AddWord(parts, tokens, piece, 0, piece.Length, word++, sequenceId);
                }

                continue;
            }

            var words = scratch.Words;
            words.Clear();
            preTokenizer.PreTokenize(piece, words);
            foreach (var w in words)
            {
                AddWord(parts, tokens, w, 0, w.Length, word++, sequenceId);
            }
        }

        pieces.Clear();
        scratch.Words.Clear();
        return parts;
    }

    private void AddWord(EncodingParts parts, List<ModelToken> tokens, NormalizedText piece, int start, int end, int word, int sequenceId)
    {
        tokens.Clear();
        model.Tokenize(piece.Text.AsSpan(start, end - start), tokens);
        foreach (var t in tokens)
        {
            parts.Add(t.Id, t.Value, piece.OriginalRange(start, end, t.Start, t.End), word, sequenceId, sequenceId, special: false);
        }
    }

    /// <summary>Token strings of ids (added tokens first, then the model), special tokens optionally left out.</summary>
    public List<string> IdsToTokens(IEnumerable<int> ids, bool skipSpecialTokens)
    {
        var tokens = new List<string>();
        foreach (var id in ids)
        {
            var added = addedVocabulary.ById(id);
            if (added is not null)
            {
                if (!(skipSpecialTokens && added.Special))
                {
                    tokens.Add(added.Content);
                }

                continue;
            }

            var token = model.IdToToken(id);
            if (token is not null)
            {
                tokens.Add(token);
            }
        }

        return tokens;
    }

    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens)
    {
        var tokens = IdsToTokens(ids, skipSpecialTokens);
        var text = decoder is null ? string.Join(' ', tokens) : string.Concat(decoder.DecodeChain(tokens));

        // CLIP: transformers' CLIPTokenizerFast turns the end-of-word suffix left by the byte-level decoder into spaces.
        return model is BpeModel { EndOfWordSuffix.Length: > 0 } bpe && decoder is ByteLevelDecoder
            ? text.Replace(bpe.EndOfWordSuffix, " ", StringComparison.Ordinal).Trim()
            : text;
    }
}
