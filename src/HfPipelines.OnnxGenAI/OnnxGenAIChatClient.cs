using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using HfPipelines.Generation;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace HfPipelines.OnnxGenAI;

/// <summary>
/// A local <see cref="IChatClient"/> over an ONNX Runtime GenAI model folder. Prompts come from the model's
/// own chat template; with <see cref="ChatOptions.Tools"/> and <c>RequireAny</c> (or a JSON response format)
/// decoding is constrained by JSON-schema guidance, so the call is valid JSON matching one tool's schema and
/// comes back as <see cref="FunctionCallContent"/>. With <c>Auto</c> the output is free and calls are parsed
/// from it. Thread-safe: each request has its own generator.
/// </summary>
public sealed class OnnxGenAIChatClient : LocalChatClientBase
{
    private readonly OnnxGenAIModel _model;
    private readonly bool _ownsModel;
    private readonly Dictionary<string, JsonNode?> _variables;

    /// <summary>Creates a client over a loaded model.</summary>
    /// <param name="model">The model.</param>
    /// <param name="ownsModel">Dispose the model with the client (false: the model is borrowed).</param>
    public OnnxGenAIChatClient(OnnxGenAIModel model, bool ownsModel = false)
        : base(model?.ChatTemplate, Describe(model))
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _ownsModel = ownsModel;
        _variables = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["bos_token"] = model.Info.BosToken ?? string.Empty,
            ["eos_token"] = model.Info.EosToken ?? string.Empty,
        };
    }

    private static ChatClientMetadata Describe(OnnxGenAIModel? model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new ChatClientMetadata("onnxruntime-genai", new Uri(Path.GetFullPath(model.Folder)), model.ModelId);
    }

    /// <summary>Loads a GenAI model folder and creates a client that owns it.</summary>
    /// <param name="folder">The folder with <c>genai_config.json</c>.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <returns>The client.</returns>
    public static OnnxGenAIChatClient Load(string folder, OnnxGenAIModelOptions? options = null)
    {
        var model = OnnxGenAIModel.Load(folder, options);
        try
        {
            return new OnnxGenAIChatClient(model, ownsModel: true);
        }
        catch
        {
            // A chat template that does not parse fails here, after the model was loaded.
            model.Dispose();
            throw;
        }
    }

    /// <summary>The model (borrowed or owned).</summary>
    public OnnxGenAIModel Model => _model;

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, JsonNode?> TemplateVariables => _variables;

    /// <inheritdoc />
    protected override bool SupportsTextOrCallConstraint => false;

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType == typeof(OnnxGenAIModel) ? _model : base.GetService(serviceType, serviceKey);
    }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<string> GenerateAsync(LocalGenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Grammar is not null)
        {
            throw new InvalidGrammarException("ONNX Runtime GenAI does not take GBNF grammars; use a JSON response format or tools instead.");
        }

        // GenAI's calls are synchronous: return to the caller before the first (slow) prompt pass.
        await Task.Yield();
        using var sequences = _model.Tokenizer.Encode(request.Prompt);
        var promptLength = sequences[0].Length;
        var maxNew = Math.Min(request.Sampling.MaxNewTokens, _model.ContextSize - promptLength);
        if (maxNew < 1)
        {
            throw new InvalidPipelineInputException($"The prompt has {promptLength} tokens but the context holds {_model.ContextSize}. Shorten the prompt or raise ContextSize.");
        }

        request.Stats.PromptTokens = promptLength;
        using var parameters = CreateParams(request, promptLength + maxNew);
        using var generator = new Generator(_model.Model, parameters);
        using var stream = _model.Tokenizer.CreateStream();
        generator.AppendTokenSequences(sequences);
        request.Stats.ReachedMaxTokens = true;
        while (!generator.IsDone())
        {
            cancellationToken.ThrowIfCancellationRequested();
            generator.GenerateNextToken();
            if (generator.IsDone() && request.Stats.GeneratedTokens + 1 < maxNew)
            {
                // Stopped on an end-of-sequence token: it is not part of the answer.
                request.Stats.ReachedMaxTokens = false;
                break;
            }

            request.Stats.GeneratedTokens++;
            var piece = stream.Decode(generator.GetNextTokens()[0]);
            if (piece.Length > 0)
            {
                yield return piece;
            }
        }
    }

    private GeneratorParams CreateParams(LocalGenerationRequest request, int maxLength)
    {
        var parameters = new GeneratorParams(_model.Model);
        try
        {
            var s = request.Sampling;
            parameters.SetSearchOption("max_length", maxLength);
            parameters.SetSearchOption("do_sample", s.DoSample);
            parameters.SetSearchOption("temperature", s.Temperature);
            parameters.SetSearchOption("top_p", s.TopP);
            parameters.SetSearchOption("top_k", s.TopK);
            parameters.SetSearchOption("repetition_penalty", s.RepetitionPenalty);
            if (s.Seed is int seed)
            {
                parameters.SetSearchOption("random_seed", seed);
            }

            if (request.Constraint is { } constraint)
            {
                SetGuidance(parameters, constraint.ToJsonSchema());
            }

            return parameters;
        }
        catch
        {
            parameters.Dispose();
            throw;
        }
    }

    private static void SetGuidance(GeneratorParams parameters, string schema)
    {
        try
        {
            parameters.SetGuidance("json_schema", schema, false);
        }
        catch (OnnxRuntimeGenAIException ex)
        {
            throw new InvalidGrammarException($"ONNX Runtime GenAI refused the JSON schema for guided decoding: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsModel)
        {
            _model.Dispose();
        }
    }
}
