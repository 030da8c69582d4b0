using HfPipelines.Generation;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace HfPipelines.OnnxGenAI;

/// <summary>
/// A GenAI generator that a chat client keeps between calls, and the tokens whose keys and values it holds, so that
/// the next prompt is brought in by rewinding to the longest common prefix (<see cref="Generator.RewindTo"/>) and
/// appending the rest. Its search options are fixed when it is made, so it serves only requests with the same
/// sampling. A native call that throws marks it inconsistent (<see cref="IsConsistent"/>): it is then disposed, never
/// kept. One request uses it at a time.
/// </summary>
internal sealed class GenAIConversation : IDisposable
{
    private readonly GeneratorParams _parameters;
    private readonly Generator _generator;
    private int[] _held = [];
    private bool _pending;

    public GenAIConversation(Model model, GeneratorParams parameters, SamplingSettings sampling)
    {
        _parameters = parameters;
        _generator = new Generator(model, parameters);
        Sampling = sampling with { MaxNewTokens = 0 };
    }

    /// <summary>The sampling it was made for (<see cref="SamplingSettings.MaxNewTokens"/> set to 0: the caller stops).</summary>
    public SamplingSettings Sampling { get; }

    /// <summary>False once a native call failed part-way: what the generator holds is unknown.</summary>
    public bool IsConsistent { get; private set; } = true;

    /// <summary>True when the last token was generated (not appended): its keys and values are not computed yet.</summary>
    public bool IsDone => _generator.IsDone();

    /// <summary>Brings the generator to <paramref name="tokens"/>: keeps the longest common prefix with what it holds
    /// (never the whole prompt, nor all it holds: see below) and appends the rest, in one chunk or
    /// one token at a time. Returns the tokens kept.</summary>
    public int Prefill(int[] tokens, bool oneByOne)
    {
        // GenAI rewinds only to below the length of its cache (RewindTo(n) needs n < the cached length), so the last
        // held token is decoded again too when everything held matches.
        var common = 0;
        var limit = Math.Min(_held.Length, tokens.Length) - 1;
        while (common < limit && _held[common] == tokens[common])
        {
            common++;
        }

        Native(() =>
        {
            if (_generator.TokenCount() > (ulong)common)
            {
                _generator.RewindTo((ulong)common);
            }

            if (oneByOne && common > 0)
            {
                for (var i = common; i < tokens.Length; i++)
                {
                    _generator.AppendTokens(tokens.AsSpan(i, 1));
                }
            }
            else
            {
                _generator.AppendTokens(tokens.AsSpan(common));
            }
        });
        _held = tokens;
        _pending = false;
        return common;
    }

    /// <summary>Generates the next token and returns it.</summary>
    public int Next()
    {
        var token = 0;
        Native(() =>
        {
            _generator.GenerateNextToken();
            token = _generator.GetNextTokens()[0];
        });
        _pending = true;
        return token;
    }

    /// <summary>Records what the generator holds after generating: its sequence less the last (pending) token.</summary>
    public void Settle()
    {
        if (_pending && IsConsistent)
        {
            var sequence = _generator.GetSequence(0);
            _held = sequence[..^1].ToArray();
        }
    }

    private void Native(Action call)
    {
        IsConsistent = false;
        call();
        IsConsistent = true;
    }

    public void Dispose()
    {
        _generator.Dispose();
        _parameters.Dispose();
    }
}
