using System.Text.Json.Nodes;
using HfPipelines.Tokenization.Decoders;
using HfPipelines.Tokenization.Loading;
using HfPipelines.Tokenization.Processors;

namespace HfPipelines.Tokenization;

/// <summary>
/// A Hugging Face tokenizer read from a model folder (tokenizer.json, or the legacy vocab files), producing the ids,
/// offsets and masks of Python's <c>tokenizer(text)</c>. Immutable and safe to share between threads.
/// </summary>
public sealed class HfTokenizer : ITextTokenizer
{
    private static readonly EncodeOptions s_defaultOptions = new();
    private readonly TokenizerPipeline _pipeline;
    private readonly Dictionary<string, (string Token, int Id)> _specialTokens;

    private HfTokenizer(TokenizerPipeline pipeline, TokenizerConfig config)
    {
        _pipeline = pipeline;
        Config = config.Values;
        ModelMaxLength = config.ModelMaxLength();
        CleanUpTokenizationSpaces = config.GetBool("clean_up_tokenization_spaces") ?? true;
        _specialTokens = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        var names = SpecialTokenDefaults.Resolve(config, pipeline.AddedVocabulary);
        foreach (var name in TokenizerConfig.SpecialTokenNames)
        {
            if (names.TryGetValue(name, out var token) && TokenToId(token) is int id)
            {
                _specialTokens[name] = (token, id);
            }
        }

        var maxAdded = pipeline.AddedVocabulary.Tokens.Count == 0 ? 0 : pipeline.AddedVocabulary.Tokens.Max(t => t.Id) + 1;
        VocabularySize = Math.Max(pipeline.Model.VocabularySize, maxAdded);
    }

    /// <inheritdoc/>
    public int VocabularySize { get; }

    /// <inheritdoc/>
    public int? ModelMaxLength { get; }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, (string Token, int Id)> SpecialTokens => _specialTokens;

    /// <summary>The fields of tokenizer_config.json (empty when there is none), for readers of other settings
    /// (<c>chat_template</c>, <c>add_bos_token</c> ...).</summary>
    public IReadOnlyDictionary<string, JsonNode?> Config { get; }

    /// <summary>The added tokens (special or not), matched in the text before the model runs.</summary>
    public IReadOnlyCollection<AddedToken> AddedTokens => _pipeline.AddedVocabulary.Tokens;

    /// <summary><c>clean_up_tokenization_spaces</c> of the config (default true, as transformers.js and transformers
    /// before 4.45): <see cref="Decode(IEnumerable{int}, bool)"/> removes the space before punctuation and contractions.</summary>
    public bool CleanUpTokenizationSpaces { get; }

    /// <summary>Loads the tokenizer of a model folder: tokenizer.json (with tokenizer_config.json,
    /// special_tokens_map.json, added_tokens.json), or, without it, vocab.txt (WordPiece), vocab.json + merges.txt
    /// (byte-level BPE), source.spm + vocab.json (Marian, source side) or a SentencePiece model (spiece.model,
    /// tokenizer.model, *.spm; Unigram or BPE).</summary>
    /// <param name="modelFolder">The folder.</param>
    /// <returns>The tokenizer.</returns>
    /// <exception cref="TokenizerLoadException">No tokenizer file, or a malformed one.</exception>
    public static HfTokenizer FromFolder(string modelFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelFolder);
        if (!Directory.Exists(modelFolder))
        {
            throw new TokenizerLoadException($"Tokenizer folder '{modelFolder}' does not exist. Pass a folder that holds tokenizer.json or vocab files.");
        }

        string P(string name) => Path.Combine(modelFolder, name);
        var config = TokenizerConfig.Read(P("tokenizer_config.json"), P("special_tokens_map.json"), P("added_tokens.json"));
        if (File.Exists(P("tokenizer.json")))
        {
            return new HfTokenizer(WithConfigTemplate(TokenizerJsonReader.Read(P("tokenizer.json")), config), config);
        }

        if (File.Exists(P("vocab.txt")))
        {
            return new HfTokenizer(LegacyReader.WordPiece(P("vocab.txt"), config), config);
        }

        if (File.Exists(P("vocab.json")) && File.Exists(P("merges.txt")))
        {
            return new HfTokenizer(LegacyReader.ByteLevelBpe(P("vocab.json"), P("merges.txt"), config), config);
        }

        if (File.Exists(P("source.spm")) && File.Exists(P("vocab.json")))
        {
            return new HfTokenizer(SentencePieceReader.Read(P("source.spm"), config, P("vocab.json")), config);
        }

        var spm = new[] { "spiece.model", "tokenizer.model", "sentencepiece.bpe.model" }.Select(P).FirstOrDefault(File.Exists)
            ?? Directory.EnumerateFiles(modelFolder, "*.spm").Order(StringComparer.Ordinal).FirstOrDefault();
        if (spm is not null)
        {
            return new HfTokenizer(SentencePieceReader.Read(spm, config, null), config);
        }

        throw new TokenizerLoadException(
            $"Folder '{modelFolder}' has no tokenizer files: expected tokenizer.json, vocab.txt (WordPiece), vocab.json + merges.txt (byte-level BPE), source.spm + vocab.json (Marian) or a SentencePiece model (spiece.model, tokenizer.model, *.spm).");
    }

    /// <summary>Loads the target side of a Marian tokenizer (target.spm + vocab.json): what Python's
    /// <c>tokenizer(text_target=...)</c> encodes labels with. <see cref="FromFolder"/> loads the source side.</summary>
    /// <param name="modelFolder">The Marian model folder.</param>
    /// <returns>The target tokenizer.</returns>
    /// <exception cref="TokenizerLoadException">target.spm or vocab.json is missing or malformed.</exception>
    public static HfTokenizer FromMarianTarget(string modelFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelFolder);
        var target = Path.Combine(modelFolder, "target.spm");
        var vocab = Path.Combine(modelFolder, "vocab.json");
        if (!File.Exists(target) || !File.Exists(vocab))
        {
            throw new TokenizerLoadException($"Folder '{modelFolder}' is not a Marian model folder: expected target.spm and vocab.json.");
        }

        var config = TokenizerConfig.Read(Path.Combine(modelFolder, "tokenizer_config.json"), Path.Combine(modelFolder, "special_tokens_map.json"), null);
        return new HfTokenizer(SentencePieceReader.Read(target, config, vocab), config);
    }

    /// <summary>Loads a tokenizer.json, with an optional tokenizer_config.json beside it.</summary>
    /// <param name="path">The tokenizer.json path.</param>
    /// <param name="tokenizerConfigPath">The tokenizer_config.json path, or null.</param>
    /// <returns>The tokenizer.</returns>
    /// <exception cref="TokenizerLoadException">The file is missing or malformed.</exception>
    public static HfTokenizer FromTokenizerJson(string path, string? tokenizerConfigPath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var config = tokenizerConfigPath is null ? TokenizerConfig.Empty : TokenizerConfig.Read(tokenizerConfigPath, null, null);
        return new HfTokenizer(WithConfigTemplate(TokenizerJsonReader.Read(path), config), config);
    }

    /// <summary>Loads a BERT WordPiece tokenizer from the contents of a vocab.txt (for example an embedded resource).</summary>
    /// <param name="vocabTxt">The vocab.txt stream: one token a line, the line number is the id.</param>
    /// <param name="doLowerCase">Lowercase and strip accents (uncased models); null: decided from the vocabulary
    /// (cased when it has upper-case words).</param>
    /// <returns>The tokenizer.</returns>
    public static HfTokenizer FromWordPieceVocab(Stream vocabTxt, bool? doLowerCase = null)
    {
        ArgumentNullException.ThrowIfNull(vocabTxt);
        var lines = new List<string>();
        using (var reader = new StreamReader(vocabTxt, leaveOpen: true))
        {
            while (reader.ReadLine() is { } line)
            {
                lines.Add(line);
            }
        }

        var config = TokenizerConfig.LowerCase(doLowerCase);
        return new HfTokenizer(LegacyReader.WordPiece(lines, "vocab.txt", config), config);
    }

    /// <inheritdoc/>
    public TokenEncoding Encode(string text, string? pair = null, EncodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= s_defaultOptions;
        options.Validate();
        var (main, overflowing) = Assemble(text, pair, options);
        if (options.PadToLength is int length)
        {
            PadAll(main, overflowing, length, options.PaddingSide);
        }

        return ToEncoding(main, overflowing);
    }

    /// <inheritdoc/>
    public IReadOnlyList<TokenEncoding> EncodeBatch(IReadOnlyList<string> texts, EncodeOptions? options = null, bool padToLongest = false) =>
        EncodePairs([.. texts.Select(t => (t, (string?)null))], options, padToLongest);

    /// <summary>Encodes many texts or text pairs; with <paramref name="padToLongest"/> every encoding (overflow windows
    /// included) is padded to the longest one.</summary>
    /// <param name="inputs">The texts and their pairs (null for none).</param>
    /// <param name="options">How to encode.</param>
    /// <param name="padToLongest">Pad every encoding to the longest one.</param>
    /// <returns>One encoding per input.</returns>
    public IReadOnlyList<TokenEncoding> EncodePairs(IReadOnlyList<(string Text, string? Pair)> inputs, EncodeOptions? options = null, bool padToLongest = false)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        options ??= new EncodeOptions();
        options.Validate();
        var assembled = inputs.Select(i => Assemble(i.Text ?? throw new ArgumentException("A text is null.", nameof(inputs)), i.Pair, options)).ToList();
        var target = options.PadToLength;
        if (padToLongest)
        {
            var longest = assembled.Count == 0 ? 0 : assembled.Max(a => a.Overflowing.Select(o => o.Count).Append(a.Main.Count).Max());
            target = Math.Max(target ?? 0, longest);
        }

        if (target is int length)
        {
            foreach (var (main, overflowing) in assembled)
            {
                PadAll(main, overflowing, length, options.PaddingSide);
            }
        }

        return [.. assembled.Select(a => ToEncoding(a.Main, a.Overflowing))];
    }

    /// <inheritdoc/>
    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = true) =>
        Decode(ids, skipSpecialTokens, CleanUpTokenizationSpaces);

    /// <summary>Decodes ids to text with the model's decoder, choosing whether to clean up tokenization spaces.</summary>
    /// <param name="ids">The ids.</param>
    /// <param name="skipSpecialTokens">Leave special tokens out.</param>
    /// <param name="cleanUpTokenizationSpaces">Remove the space before punctuation and contractions.</param>
    /// <returns>The text.</returns>
    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens, bool cleanUpTokenizationSpaces)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var text = _pipeline.Decode(ids, skipSpecialTokens);
        return cleanUpTokenizationSpaces ? WordPieceDecoder.Cleanup(text) : text;
    }

    /// <summary>The token strings of ids, as in the vocabulary (no decoder).</summary>
    /// <param name="ids">The ids.</param>
    /// <param name="skipSpecialTokens">Leave special tokens out.</param>
    /// <returns>The tokens.</returns>
    public IReadOnlyList<string> ConvertIdsToTokens(IEnumerable<int> ids, bool skipSpecialTokens = false) =>
        _pipeline.IdsToTokens(ids ?? throw new ArgumentNullException(nameof(ids)), skipSpecialTokens);

    /// <summary>Whether an id is a special added token (left out by <see cref="Decode(IEnumerable{int}, bool)"/> with skipSpecialTokens).</summary>
    /// <param name="id">The id.</param>
    /// <returns>True for a special token.</returns>
    public bool IsSpecialToken(int id) => _pipeline.AddedVocabulary.ById(id)?.Special ?? false;

    /// <inheritdoc/>
    public int? TokenToId(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _pipeline.AddedVocabulary.ByContent(token)?.Id ?? _pipeline.Model.TokenToId(token);
    }

    /// <inheritdoc/>
    public string? IdToToken(int id) => _pipeline.AddedVocabulary.ById(id)?.Content ?? _pipeline.Model.IdToToken(id);

    private static TokenizerPipeline WithConfigTemplate(TokenizerPipeline pipeline, TokenizerConfig config)
    {
        int? Id(string token) => pipeline.AddedVocabulary.ByContent(token)?.Id ?? pipeline.Model.TokenToId(token);
        var template = SpecialTokenDefaults.LlamaTemplate(config, Id);
        return template is null ? pipeline : pipeline.WithPostProcessor(template);
    }

    private static TokenEncoding ToEncoding(EncodingParts main, IReadOnlyList<EncodingParts> overflowing)
    {
        if (overflowing.Count == 0)
        {
            return main.ToEncoding([]);
        }

        var windows = new TokenEncoding[overflowing.Count];
        for (var i = 0; i < windows.Length; i++)
        {
            windows[i] = overflowing[i].ToEncoding([]);
        }

        return main.ToEncoding(windows);
    }

    private (EncodingParts Main, IReadOnlyList<EncodingParts> Overflowing) Assemble(string text, string? pair, EncodeOptions options)
    {
        // The sequences live in lent buffers; the post-processor copies them into new parts, so they can go back.
        var scratch = _pipeline.Rent();
        try
        {
            var first = _pipeline.EncodeSequence(text, 0, scratch, scratch.First);
            var second = pair is null ? null : _pipeline.EncodeSequence(pair, 1, scratch, scratch.Second);
            var assembled = EncodingAssembler.Assemble(first, second, options, _pipeline.PostProcessor);
            if (assembled.Main == first || assembled.Main == second)
            {
                throw new InvalidOperationException("A post-processor returned one of its inputs; it must build new parts.");
            }

            return assembled;
        }
        finally
        {
            _pipeline.Return(scratch);
        }
    }

    private void PadAll(EncodingParts main, IReadOnlyList<EncodingParts> overflowing, int length, PaddingSide side)
    {
        if (main.Count >= length && overflowing.All(o => o.Count >= length))
        {
            return;
        }

        if (!_specialTokens.TryGetValue("pad_token", out var pad))
        {
            throw new InvalidPipelineInputException(
                "Padding was asked for, but this tokenizer has no pad_token: set PadToLength to null, or use a tokenizer_config.json that names a pad_token.");
        }

        EncodingAssembler.Pad(main, length, side, pad.Id, pad.Token);
        foreach (var o in overflowing)
        {
            EncodingAssembler.Pad(o, length, side, pad.Id, pad.Token);
        }
    }
}
