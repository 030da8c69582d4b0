using System.Text.Json.Nodes;
using HfPipelines.Pipelines;
using HfPipelines.Seq2Seq;
using HfPipelines.Tokenization;

namespace HfPipelines.Tasks;

/// <summary>
/// translation on an encoder-decoder model, as transformers' <c>TranslationPipeline</c>: Marian (opus-mt)
/// pairs, T5 task prefixes (<c>task_specific_params.translation_xx_to_yy</c>), mBART / NLLB / M2M100 with
/// <c>src_lang</c> / <c>tgt_lang</c> (source language token and forced BOS target token), and multi-target
/// Marian models with <c>&gt;&gt;tgt&lt;&lt;</c> tokens. An unsupported language or pair gets an error listing the
/// supported ones.
/// </summary>
public sealed class Seq2SeqTranslationPipeline : IPipeline<string, TranslationOptions, TranslationResult>
{
    private readonly Seq2SeqTextModel _model;
    private readonly string? _defaultSource;
    private readonly string? _defaultTarget;
    private readonly Dictionary<string, int> _languageTokens;

    /// <summary>Creates the pipeline over a text model (owned from now on).</summary>
    /// <param name="model">The encoder-decoder text model.</param>
    /// <param name="taskName">The task name it was created for; <c>translation_xx_to_yy</c> sets the default languages.</param>
    public Seq2SeqTranslationPipeline(Seq2SeqTextModel model, string taskName = PipelineTaskNames.Translation)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        if (PipelineTasks.TryParseTranslationPair(taskName, out var source, out var target))
        {
            (_defaultSource, _defaultTarget) = (source, target);
        }

        _languageTokens = model.ModelType == "t5" ? [] : LanguageTokens();
    }

    /// <inheritdoc />
    public string Task => PipelineTasks.Translation;

    /// <inheritdoc />
    public async Task<TranslationResult> RunAsync(string input, TranslationOptions? options = null, CancellationToken cancellationToken = default) =>
        (await RunBatchAsync([input], options, cancellationToken).ConfigureAwait(false))[0];

    /// <inheritdoc />
    public Task<IReadOnlyList<TranslationResult>> RunBatchAsync(IReadOnlyList<string> inputs, TranslationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        options ??= new TranslationOptions();
        if (inputs.Any(string.IsNullOrWhiteSpace))
        {
            throw new InvalidPipelineInputException("Translation needs non-empty texts.");
        }

        var generation = _model.Generation.Clone();
        var encode = Plan(options.SourceLanguage ?? _defaultSource, options.TargetLanguage ?? _defaultTarget, generation);
        generation.Apply(options);
        generation.Validate();
        var texts = _model.Generate([.. inputs.Select(encode)], generation, cancellationToken);
        return System.Threading.Tasks.Task.FromResult<IReadOnlyList<TranslationResult>>([.. texts.Select(t => new TranslationResult(t))]);
    }

    /// <inheritdoc />
    public void Dispose() => _model.Dispose();

    // Decides how inputs are encoded for the languages, and sets the forced BOS token where the model uses one.
    private Func<string, int[]> Plan(string? source, string? target, Seq2SeqGenerationConfig generation)
    {
        if (_model.ModelType == "t5")
        {
            var key = $"translation_{source}_to_{target}";
            var prefix = (string?)_model.Config["task_specific_params"]?[key]?["prefix"];
            if (prefix is null)
            {
                var pairs = (_model.Config["task_specific_params"] as JsonObject)?.Select(p => p.Key).Where(k => k.StartsWith("translation_", StringComparison.Ordinal)) ?? [];
                throw new InvalidPipelineInputException($"This T5 model has no prefix for {key}. Supported: {string.Join(", ", pairs)}.");
            }

            return text => _model.Encode(prefix + text);
        }

        var languageTokens = _languageTokens;
        if (languageTokens.Count == 0)
        {
            // A single-pair model (Marian opus-mt-xx-yy): the languages are the model's.
            return _model.Encode;
        }

        var targetId = Lookup(target, languageTokens, "target") ?? throw new InvalidPipelineInputException(
            $"This model translates into several languages: give a target language (tgt_lang). Supported: {string.Join(", ", languageTokens.Keys)}.");
        if (_model.ModelType is "marian")
        {
            var marker = languageTokens.First(t => t.Value == targetId).Key;
            return text => _model.Encode($">>{marker}<< {text}");
        }

        generation.ForcedBosTokenId = targetId;
        var sourceId = Lookup(source, languageTokens, "source");
        var eos = generation.EosTokenIds[0];
        var plain = new EncodeOptions { AddSpecialTokens = false };
        return _model.ModelType == "mbart"
            ? text => [.. _model.Tokenizer.Encode(text, options: plain).Ids, eos, .. sourceId is { } s ? new[] { s } : []]
            : text => [.. sourceId is { } s ? new[] { s } : [], .. _model.Tokenizer.Encode(text, options: plain).Ids, eos];
    }

    private static int? Lookup(string? language, IReadOnlyDictionary<string, int> tokens, string side)
    {
        if (language is null)
        {
            return null;
        }

        return tokens.TryGetValue(language, out var id) ? id : throw new InvalidPipelineInputException(
            $"Unsupported {side} language '{language}'. Supported: {string.Join(", ", tokens.Keys)}.");
    }

    // Language code -> token id, from the vocabulary's language tokens (eng_Latn, __en__, en_XX, >>fra<<).
    private Dictionary<string, int> LanguageTokens()
    {
        var tokens = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var id = 0; id < _model.Tokenizer.VocabularySize; id++)
        {
            var token = _model.Tokenizer.IdToToken(id);
            var code = token switch
            {
                null => null,
                _ when token.Length > 4 && token.StartsWith(">>", StringComparison.Ordinal) && token.EndsWith("<<", StringComparison.Ordinal) => token[2..^2],
                _ when token.Length is >= 6 and <= 12 && token.StartsWith("__", StringComparison.Ordinal) && token.EndsWith("__", StringComparison.Ordinal) => token[2..^2],
                _ when System.Text.RegularExpressions.Regex.IsMatch(token, "^[a-z]{2,3}_(?:[A-Z][a-z]{3}|[A-Z]{2})$") => token,
                _ => null,
            };
            if (code is not null)
            {
                tokens.TryAdd(code, id);
            }
        }

        return tokens;
    }
}
