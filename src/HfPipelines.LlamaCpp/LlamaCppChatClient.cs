using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using HfPipelines.Generation;
using LLama;
using LLama.Native;
using Microsoft.Extensions.AI;

namespace HfPipelines.LlamaCpp;

/// <summary>
/// A local <see cref="IChatClient"/> over a GGUF model (llama.cpp through LLamaSharp). Prompts come from the
/// model's own chat template; <see cref="ChatOptions.Tools"/> go into the template and decoding is
/// constrained by a GBNF grammar built from the tools' JSON schemas, so a call is valid JSON matching one
/// tool's schema and comes back as <see cref="FunctionCallContent"/> (use <c>UseFunctionInvocation()</c> to
/// run the loop). The client owns one llama.cpp context; requests run one at a time (concurrent calls queue).
/// The context keeps what it decoded: the next request decodes only the prompt tokens after the longest common
/// prefix with it (a chat's next turn, an agent's next tool round), unless <see cref="LlamaCppModelOptions.CachePrompt"/>
/// is off; <see cref="UsageDetails.CachedInputTokenCount"/> says how many prompt tokens were kept.
/// </summary>
public sealed class LlamaCppChatClient : LocalChatClientBase
{
    private readonly LlamaCppModel _model;
    private readonly bool _ownsModel;
    private readonly LLamaContext _context;
    private readonly LlamaGenerationLoop _loop;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, JsonNode?> _variables;
    private (string Grammar, GrammarPrefilter Prefilter)? _prefilter;

    /// <summary>Creates a client over a loaded model.</summary>
    /// <param name="model">The model.</param>
    /// <param name="ownsModel">Dispose the model with the client (false: the model is borrowed).</param>
    public LlamaCppChatClient(LlamaCppModel model, bool ownsModel = false)
        : base(model?.ChatTemplate, Describe(model))
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _ownsModel = ownsModel;
        _context = model.Weights.CreateContext(LlamaCppModel.CreateParams(model.Path, model.Options));
        _loop = new LlamaGenerationLoop(_context, model.Options.BatchSize, model.Options.CachePrompt);
        _variables = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["bos_token"] = model.BosToken ?? string.Empty,
            ["eos_token"] = model.EosToken ?? string.Empty,
        };
    }

    private static ChatClientMetadata Describe(LlamaCppModel? model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new ChatClientMetadata("llama.cpp", new Uri(System.IO.Path.GetFullPath(model.Path)), model.ModelId);
    }

    /// <summary>Loads a GGUF file and creates a client that owns it.</summary>
    /// <param name="path">A local .gguf file.</param>
    /// <param name="options">Loading options; null for the defaults.</param>
    /// <returns>The client.</returns>
    public static LlamaCppChatClient Load(string path, LlamaCppModelOptions? options = null)
    {
        var model = LlamaCppModel.Load(path, options);
        try
        {
            return new LlamaCppChatClient(model, ownsModel: true);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>The model (borrowed or owned).</summary>
    public LlamaCppModel Model => _model;

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, JsonNode?> TemplateVariables => _variables;

    /// <summary>How grammar-constrained tokens are sampled (the full-vocabulary pipeline stays reachable for A/B comparisons).</summary>
    internal GrammarSampling GrammarSampling { get; set; } = GrammarSampling.Candidates;

    /// <summary>The counters of the last constrained generation's sampler (null after a free one).</summary>
    internal GrammarSamplerStats? LastGrammarStats { get; private set; }

    internal bool IsContextClosed => _context.NativeHandle.IsClosed;

    /// <summary>How many tokens the context holds from earlier calls (read between calls).</summary>
    internal int HeldTokens => _loop.HeldTokens;

    /// <summary>The token ids a prompt text becomes, as a request tokenizes it.</summary>
    internal int[] Tokenize(string prompt) => [.. LlamaGenerationLoop.Tokenize(_context, prompt).Select(t => (int)t)];

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType == typeof(LlamaCppModel) ? _model : base.GetService(serviceType, serviceKey);
    }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<string> GenerateAsync(LocalGenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var grammar = request.Grammar ?? request.Constraint?.ToGbnf();
            using var sampler = LlamaSamplerFactory.Create(_model, request.Sampling, grammar, GrammarSampling, Prefilter(grammar));
            LastGrammarStats = (sampler as LlamaGrammarSampler)?.Stats;
            var maxNew = _loop.Prefill(request.Prompt, request.Sampling.MaxNewTokens, request.Stats, cancellationToken);
            var decoder = new StreamingTokenDecoder(_context);
            var vocab = _model.Weights.Vocab;
            request.Stats.ReachedMaxTokens = true;
            for (var i = 0; i < maxNew; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var token = sampler.Sample(_context.NativeHandle, -1);
                if (token.IsEndOfGeneration(vocab))
                {
                    request.Stats.ReachedMaxTokens = false;
                    break;
                }

                request.Stats.GeneratedTokens++;
                decoder.Add(token);
                var piece = decoder.Read();
                if (piece.Length > 0)
                {
                    yield return piece;
                }

                if (i + 1 < maxNew)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    _loop.DecodeNext(token);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The probe index of the grammar, kept while the same grammar comes back (an agent's tool loop); under the gate.</summary>
    private GrammarPrefilter? Prefilter(string? grammar)
    {
        if (grammar is null || GrammarSampling != GrammarSampling.Candidates)
        {
            return null;
        }

        if (_prefilter is not { } cached || !string.Equals(cached.Grammar, grammar, StringComparison.Ordinal))
        {
            _prefilter = (grammar, LlamaSamplerFactory.CreatePrefilter(_model, grammar));
        }

        return _prefilter.Value.Prefilter;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _context.Dispose();
            _gate.Dispose();
            if (_ownsModel)
            {
                _model.Dispose();
            }
        }
    }
}
