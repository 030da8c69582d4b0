using HfPipelines.Generation;
using LLama;
using LLama.Native;

namespace HfPipelines.LlamaCpp;

/// <summary>Feeds a prompt and then one token at a time into a llama.cpp context (sequence 0). One per generation.</summary>
internal sealed class LlamaGenerationLoop
{
    private readonly LLamaContext _context;
    private readonly int _batchSize;
    private readonly LLamaBatch _batch = new();
    private int _position;

    public LlamaGenerationLoop(LLamaContext context, int batchSize)
    {
        _context = context;
        _batchSize = batchSize;
    }

    /// <summary>Clears the context, decodes the prompt, and returns how many new tokens fit in the context.</summary>
    public int Prefill(string prompt, int maxNewTokens, GenerationStats stats, CancellationToken cancellationToken)
    {
        _context.NativeHandle.MemoryClear(true);
        var vocab = _context.Vocab;
        var bos = vocab.BOS is { } b ? vocab.LLamaTokenToString(b, true) : null;
        var addBos = vocab.ShouldAddBOS && (bos is null || !prompt.StartsWith(bos, StringComparison.Ordinal));
        var tokens = _context.Tokenize(prompt, addBos, special: true);
        if (tokens.Length == 0)
        {
            throw new InvalidPipelineInputException("The prompt is empty after tokenization; give some text.");
        }

        var contextSize = (int)_context.ContextSize;
        if (tokens.Length >= contextSize)
        {
            throw new InvalidPipelineInputException($"The prompt has {tokens.Length} tokens but the context holds {contextSize}. Shorten the prompt or raise ContextSize.");
        }

        stats.PromptTokens = tokens.Length;
        for (var start = 0; start < tokens.Length; start += _batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _batch.Clear();
            var end = Math.Min(tokens.Length, start + _batchSize);
            for (var i = start; i < end; i++)
            {
                _batch.Add(tokens[i], _position++, LLamaSeqId.Zero, i == tokens.Length - 1);
            }

            Check(_context.Decode(_batch));
        }

        return Math.Min(maxNewTokens, contextSize - tokens.Length);
    }

    public void DecodeNext(LLamaToken token)
    {
        _batch.Clear();
        _batch.Add(token, _position++, LLamaSeqId.Zero, true);
        Check(_context.Decode(_batch));
    }

    private static void Check(DecodeResult result)
    {
        if (result != DecodeResult.Ok)
        {
            throw new HfPipelinesException($"llama.cpp failed to decode a batch ({result}). Lower BatchSize or ContextSize, or check the model file.");
        }
    }
}
