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
    public ITokenizerModel Model => model;

    public IPostProcessor PostProcessor => postProcessor;

    public AddedVocabulary AddedVocabulary => addedVocabulary;

    public IDecoder? Decoder => decoder;

    /// <summary>The same tokenizer with another post-processor.</summary>
    public TokenizerPipeline WithPostProcessor(IPostProcessor processor) =>
        new(normalizer, preTokenizer, model, processor, decoder, addedVocabulary);

    /// <summary>Tokenizes one sequence (no special tokens added).</summary>
    public EncodingParts EncodeSequence(string text, int sequenceId)
    {
        var parts = new EncodingParts((text.Length / 4) + 4);
        var word = 0;
        var tokens = new List<ModelToken>();
        var words = new List<NormalizedText>();
        foreach (var (piece, added) in addedVocabulary.Split(text, normalizer))
        {
            if (added is not null)
            {
                parts.Add(added.Id, added.Content, piece.OriginalRange(0, piece.Length), word++, sequenceId, sequenceId, special: false);
                continue;
            }

            words.Clear();
            if (preTokenizer is null)
            {
                if (piece.Length > 0)
                {
                    words.Add(piece);
                }
            }
            else
            {
                preTokenizer.PreTokenize(piece, words);
            }

            foreach (var w in words)
            {
                tokens.Clear();
                model.Tokenize(w.Text, tokens);
                foreach (var t in tokens)
                {
                    parts.Add(t.Id, t.Value, w.OriginalRange(t.Start, t.End), word, sequenceId, sequenceId, special: false);
                }

                word++;
            }
        }

        return parts;
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
