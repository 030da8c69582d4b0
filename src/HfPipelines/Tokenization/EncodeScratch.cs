using HfPipelines.Tokenization.Models;
using HfPipelines.Tokenization.Normalizers;
using HfPipelines.Tokenization.Processors;

namespace HfPipelines.Tokenization;

/// <summary>The working buffers of one encode call (the tokenized sequences before the post-processor copies them, and
/// the lists of pieces, words and tokens). A tokenizer keeps one spare and lends it to the next call, so that a steady
/// stream of calls stops allocating them; a call that finds it lent out makes its own. Used by one thread at a time.</summary>
internal sealed class EncodeScratch
{
    public EncodingParts First { get; } = new(64);

    public EncodingParts Second { get; } = new(64);

    public List<(NormalizedText Text, AddedToken? Token)> Pieces { get; } = [];

    public List<(int Start, int End)> Ranges { get; } = [];

    public List<NormalizedText> Words { get; } = [];

    public List<ModelToken> Tokens { get; } = [];
}
