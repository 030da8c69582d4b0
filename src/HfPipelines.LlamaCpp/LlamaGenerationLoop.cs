using HfPipelines.Generation;
using LLama;
using LLama.Native;

namespace HfPipelines.LlamaCpp;

/// <summary>
/// Feeds prompts and generated tokens into a llama.cpp context (sequence 0) and remembers which tokens the
/// context holds, so that the next prompt decodes only what follows the longest common prefix (an agent's
/// next round, a chat's next turn) instead of the whole conversation again; what follows the prefix is removed
/// from the context first. A token is remembered only once its batch decoded, so a cancelled or failed call
/// leaves a context the next call can trust. One per context; not thread-safe (the client runs one call at a time).
/// </summary>
internal sealed class LlamaGenerationLoop
{
    private readonly LLamaContext _context;
    private readonly int _batchSize;
    private readonly bool _reusePrefix;
    private readonly LLamaBatch _batch = new();
    private readonly List<LLamaToken> _held = [];

    public LlamaGenerationLoop(LLamaContext context, int batchSize, bool reusePrefix)
    {
        _context = context;
        _batchSize = batchSize;
        _reusePrefix = reusePrefix;
    }

    /// <summary>How many tokens the context holds for sequence 0 (position i holds token i).</summary>
    public int HeldTokens => _held.Count;

    /// <summary>Tokenizes a prompt as <see cref="Prefill"/> does (a begin-of-sequence token unless the text starts with one).</summary>
    public static LLamaToken[] Tokenize(LLamaContext context, string prompt)
    {
        var vocab = context.Vocab;
        var bos = vocab.BOS is { } b ? vocab.LLamaTokenToString(b, true) : null;
        var addBos = vocab.ShouldAddBOS && (bos is null || !prompt.StartsWith(bos, StringComparison.Ordinal));
        return context.Tokenize(prompt, addBos, special: true);
    }

    /// <summary>Brings the context to the prompt (keeping the common prefix), and returns how many new tokens fit in the context.</summary>
    public int Prefill(string prompt, int maxNewTokens, GenerationStats stats, CancellationToken cancellationToken)
    {
        var tokens = Tokenize(_context, prompt);
        if (tokens.Length == 0)
        {
            throw new InvalidPipelineInputException("The prompt is empty after tokenization; give some text.");
        }

        var contextSize = (int)_context.ContextSize;
        if (tokens.Length >= contextSize)
        {
            throw new InvalidPipelineInputException($"The prompt has {tokens.Length} tokens but the context holds {contextSize}. Shorten the prompt or raise ContextSize.");
        }

        var kept = KeepCommonPrefix(tokens);
        stats.PromptTokens = tokens.Length;
        stats.PromptTokensReused = kept;
        for (var start = kept; start < tokens.Length; start += _batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = Math.Min(tokens.Length, start + _batchSize);
            _batch.Clear();
            for (var i = start; i < end; i++)
            {
                _batch.Add(tokens[i], i, LLamaSeqId.Zero, i == tokens.Length - 1);
            }

            Decode(tokens.AsSpan(start, end - start));
        }

        return Math.Min(maxNewTokens, contextSize - tokens.Length);
    }

    /// <summary>Decodes one generated token after what the context holds.</summary>
    public void DecodeNext(LLamaToken token)
    {
        _batch.Clear();
        _batch.Add(token, _held.Count, LLamaSeqId.Zero, true);
        Decode([token]);
    }

    /// <summary>Keeps the longest common prefix of what the context holds and <paramref name="tokens"/>, but never the
    /// whole prompt (its last token is decoded again for its logits); removes the rest. Returns the tokens kept.</summary>
    private int KeepCommonPrefix(LLamaToken[] tokens)
    {
        var common = 0;
        if (_reusePrefix)
        {
            var limit = Math.Min(_held.Count, tokens.Length - 1);
            while (common < limit && _held[common] == tokens[common])
            {
                common++;
            }
        }

        if (common > 0 && RemoveFrom(common))
        {
            _held.RemoveRange(common, _held.Count - common);
            return common;
        }

        // Nothing in common, or a memory (a recurrent model's) that cannot drop a suffix: start from empty.
        Forget();
        return 0;
    }

    /// <summary>Removes positions from <paramref name="position"/> on; false when the memory kept them (LLamaSharp drops
    /// llama.cpp's answer, so the highest position left is checked instead).</summary>
    private bool RemoveFrom(int position)
    {
        var handle = _context.NativeHandle;
        handle.MemorySequenceRemove(LLamaSeqId.Zero, position, -1);
        return handle.MemorySequenceMaxPosition(LLamaSeqId.Zero).Value == position - 1;
    }

    private void Decode(ReadOnlySpan<LLamaToken> tokens)
    {
        var result = _context.Decode(_batch);
        if (result != DecodeResult.Ok)
        {
            // What a failed batch left in the memory is unknown: the next call starts from empty.
            Forget();
            throw new HfPipelinesException($"llama.cpp failed to decode a batch ({result}). Lower BatchSize or ContextSize, or check the model file.");
        }

        _held.AddRange(tokens);
    }

    private void Forget()
    {
        _context.NativeHandle.MemoryClear(true);
        _held.Clear();
    }
}
