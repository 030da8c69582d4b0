using HfPipelines.Hub;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using HfPipelines.Tokenization;
using HfPipelines.Composition;

namespace HfPipelines.Tests.Seq2Seq;

/// <summary>
/// Summarization and translation end to end with the real t5-small tokenizer: text -> T5 task prefix from the config ->
/// tokens -> a tiny export whose decoder writes a known script only when the prefix's trigger word is in the source ->
/// generation -> decoded text. Loaded through <see cref="Pipeline.CreateProvider(HubOptions?, IEnumerable{PipelineRegistration}?, Onnx.OnnxPipelineOptions?, PipelineProviderOptions?)"/> from a local folder.
/// </summary>
public sealed class Seq2SeqTextPipelinesTests : IDisposable
{
    private const string T5 = "tokenizers/t5-small";
    private const string Config = """
        {"model_type": "t5", "vocab_size": 32100, "decoder_start_token_id": 0, "eos_token_id": 1, "pad_token_id": 0,
         "task_specific_params": {
           "summarization": {"prefix": "summarize: ", "max_length": 30, "num_beams": 2},
           "translation_en_to_de": {"prefix": "translate English to German: "}}}
        """;

    private readonly List<string> _folders = [];
    private readonly string _home = Path.Combine(Path.GetTempPath(), "hfp-s2s-home-" + Guid.NewGuid().ToString("N"));

    private (string Folder, string Expected) Model(string triggerWord, string output)
    {
        var tokenizer = HfTokenizer.FromFolder(TestFixtures.PathOf(T5));
        var script = tokenizer.Encode(output, options: new EncodeOptions { AddSpecialTokens = false }).Ids;
        var trigger = tokenizer.TokenToId(triggerWord) ?? throw new InvalidOperationException(triggerWord);
        var folder = TinySeq2SeqModels.ScriptedFolder(TestFixtures.PathOf(T5), tokenizer.VocabularySize, start: 0, eos: 1, pad: 0, script, trigger, Config);
        _folders.Add(folder);
        return (folder, tokenizer.Decode(script));
    }

    private PipelineProvider Provider() =>
        Pipeline.CreateProvider(HubOptions.FromVariables(n => n switch { "HF_HOME" => _home, "HF_HUB_OFFLINE" => "1", _ => null }));

    [FixtureFact(T5)]
    public async Task Translation_T5PrefixFromConfig_ProducesScript()
    {
        var (folder, expected) = Model("▁German", "Guten Morgen, Welt!");
        using var pipelines = Provider();
        var translator = await pipelines.GetTranslationAsync(folder);

        var result = await translator.RunAsync("Good morning, world!", new TranslationOptions { SourceLanguage = "en", TargetLanguage = "de" });

        Assert.Equal(expected, result.TranslationText);
        Assert.Equal("Guten Morgen, Welt!", result.TranslationText);
    }

    [FixtureFact(T5)]
    public async Task Translation_UnsupportedPair_ListsSupportedOnes()
    {
        var (folder, _) = Model("▁German", "Hallo");
        using var pipelines = Provider();
        var translator = await pipelines.GetTranslationAsync(folder);

        var ex = await Assert.ThrowsAsync<InvalidPipelineInputException>(() => translator.RunAsync("Hello", new TranslationOptions { SourceLanguage = "en", TargetLanguage = "fr" }));

        Assert.Contains("translation_en_to_de", ex.Message);
    }

    [FixtureFact(T5)]
    public async Task Translation_TaskNameSetsLanguages()
    {
        var (folder, _) = Model("▁German", "Hallo Welt");
        using var pipelines = Provider();
        var pipeline = (Seq2SeqTranslationPipeline)await pipelines.GetTranslationAsync(folder);
        using var pair = new Seq2SeqTranslationPipeline(GetModel(pipeline), "translation_en_to_de");

        var result = await pair.RunAsync("Hello world");

        Assert.Equal("Hallo Welt", result.TranslationText);
    }

    [FixtureFact(T5)]
    public async Task Summarization_T5Prefix_BeamSearchFromTaskParams()
    {
        var (folder, expected) = Model("▁summarize", "The council approved the budget.");
        using var pipelines = Provider();
        var summarizer = await pipelines.GetSummarizationAsync(folder);

        var results = await summarizer.RunBatchAsync(["The council met on Monday and, after a long debate, approved the budget.", "Short."]);

        Assert.IsType<Seq2SeqSummarizationPipeline>(summarizer);
        Assert.All(results, r => Assert.Equal(expected, r.SummaryText));
    }

    [FixtureFact(T5)]
    public async Task Summarization_LongDocument_TruncatesOrChunks()
    {
        var (folder, expected) = Model("▁summarize", "A summary.");
        using var pipelines = Provider();
        var summarizer = await pipelines.GetSummarizationAsync(folder);
        var longText = string.Join(" ", Enumerable.Range(0, 400).Select(i => $"Sentence number {i} says something."));

        var truncated = await summarizer.RunAsync(longText);
        var chunked = await summarizer.RunAsync(longText, new SummarizationOptions { SummarizeLongDocumentsByChunks = true });

        Assert.Equal(expected, truncated.SummaryText);
        Assert.Equal(expected, chunked.SummaryText);
    }

    [FixtureFact(T5)]
    public async Task Summarization_EmptyText_ThrowsAndStaysUsable()
    {
        var (folder, expected) = Model("▁summarize", "Fine.");
        using var pipelines = Provider();
        var summarizer = await pipelines.GetSummarizationAsync(folder);

        await Assert.ThrowsAsync<InvalidPipelineInputException>(() => summarizer.RunAsync("  "));
        Assert.Equal(expected, (await summarizer.RunAsync("Some text.")).SummaryText);
    }

    [FixtureFact("tokenizers/opus-mt-en-mg")]
    public async Task Translation_MarianSentencePieceTokenizers_ProducesScript()
    {
        // opus-mt-en-mg: source.spm / target.spm with a shared vocab.json; its real config (start = pad = 54687, EOS 0,
        // bad_words_ids [[54687]], beam 4).
        var folderOfTokenizer = TestFixtures.PathOf("tokenizers/opus-mt-en-mg");
        var target = HfTokenizer.FromMarianTarget(folderOfTokenizer);
        var source = HfTokenizer.FromFolder(folderOfTokenizer);
        var script = target.Encode("Manao ahoana ry namana", options: new EncodeOptions { AddSpecialTokens = false }).Ids;
        var trigger = source.Encode("friends", options: new EncodeOptions { AddSpecialTokens = false }).Ids[0];
        var config = File.ReadAllText(Path.Combine(folderOfTokenizer, "config.json"));
        var folder = TinySeq2SeqModels.ScriptedFolder(folderOfTokenizer, 54688, start: 54687, eos: 0, pad: 54687, script, trigger, config);
        _folders.Add(folder);
        using var pipelines = Provider();
        var translator = await pipelines.GetTranslationAsync(folder);

        var hello = await translator.RunAsync("Hello friends");
        var other = await translator.RunAsync("Good night");

        Assert.Equal("Manao ahoana ry namana", hello.TranslationText);
        Assert.Equal(string.Empty, other.TranslationText);
    }

    [FixtureFact(T5)]
    public async Task Translation_NllbStyleLanguageTokens_SourcePrefixAndForcedTarget()
    {
        // The t5-small vocabulary plus NLLB-style language tokens, as an m2m_100 model: the source must start with
        // the src_lang token (the decoder only writes when it sees it) and the first generated token must be the
        // forced tgt_lang token (the script starts with it; it is special, so it is not in the text).
        var tokenizerFolder = Path.Combine(Path.GetTempPath(), "hfp-nllb-tok-" + Guid.NewGuid().ToString("N"));
        _folders.Add(tokenizerFolder);
        Directory.CreateDirectory(tokenizerFolder);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(TestFixtures.PathOf(T5), "tokenizer.json")))!;
        var added = json["added_tokens"]!.AsArray();
        var next = added.Max(t => (int)t!["id"]!) + 1;
        foreach (var code in new[] { "eng_Latn", "fra_Latn", "deu_Latn" })
        {
            added.Add(new System.Text.Json.Nodes.JsonObject
            {
                ["id"] = next++, ["content"] = code, ["single_word"] = false, ["lstrip"] = false, ["rstrip"] = false, ["normalized"] = false, ["special"] = true,
            });
        }

        File.WriteAllText(Path.Combine(tokenizerFolder, "tokenizer.json"), json.ToJsonString());
        File.Copy(Path.Combine(TestFixtures.PathOf(T5), "tokenizer_config.json"), Path.Combine(tokenizerFolder, "tokenizer_config.json"));
        var tokenizer = HfTokenizer.FromFolder(tokenizerFolder);
        var french = tokenizer.TokenToId("fra_Latn")!.Value;
        var words = tokenizer.Encode("Bonjour le monde", options: new EncodeOptions { AddSpecialTokens = false }).Ids;
        var config = """{"model_type": "m2m_100", "decoder_start_token_id": 1, "eos_token_id": 1, "pad_token_id": 0}""";
        var folder = TinySeq2SeqModels.ScriptedFolder(tokenizerFolder, tokenizer.VocabularySize, start: 1, eos: 1, pad: 0, [french, .. words], tokenizer.TokenToId("eng_Latn")!.Value, config);
        _folders.Add(folder);
        using var pipelines = Provider();
        var translator = await pipelines.GetTranslationAsync(folder);

        var result = await translator.RunAsync("Hello world", new TranslationOptions { SourceLanguage = "eng_Latn", TargetLanguage = "fra_Latn" });
        var german = await translator.RunAsync("Hello world", new TranslationOptions { SourceLanguage = "eng_Latn", TargetLanguage = "deu_Latn" });
        var unknown = await Assert.ThrowsAsync<InvalidPipelineInputException>(() =>
            translator.RunAsync("Hello", new TranslationOptions { SourceLanguage = "eng_Latn", TargetLanguage = "xxx_Latn" }));

        Assert.Equal("Bonjour le monde", result.TranslationText);
        Assert.Equal(string.Empty, german.TranslationText); // the forced German token leaves the script at once
        Assert.Contains("fra_Latn", unknown.Message);
    }

    private static HfPipelines.Seq2Seq.Seq2SeqTextModel GetModel(Seq2SeqTranslationPipeline pipeline) =>
        (HfPipelines.Seq2Seq.Seq2SeqTextModel)typeof(Seq2SeqTranslationPipeline)
            .GetField("_model", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(pipeline)!;

    public void Dispose()
    {
        foreach (var folder in _folders.Append(_home).Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
