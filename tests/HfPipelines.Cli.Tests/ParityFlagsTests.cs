using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Testing;

namespace HfPipelines.Cli.Tests;

/// <summary>The flags that spell Python's pipeline parameters reach the library: each changes the result (or is refused
/// with the library's own message), on the Python-oracle models (pyoracle/ in the fixtures).</summary>
public sealed class ParityFlagsTests
{
    private const string Oracle = "pyoracle/expected.json";
    private const string Eiffel = "The tower is 324 metres (1,063 ft) tall, about the same height as an 81-storey building, and the tallest structure in Paris. Its base is square, measuring 125 metres (410 ft) on each side. During its construction, the Eiffel Tower surpassed the Washington Monument to become the tallest man-made structure in the world.";

    private static string Model(string name) => TestFixtures.PathOf(Path.Combine("pyoracle", name));

    private static async Task<JsonNode> Json(params string[] args)
    {
        var (code, output, error) = await CliRunner.RunAsync([.. args, "--json"]);
        Assert.True(code == 0, error);
        return JsonNode.Parse(output)!;
    }

    [FixtureFact(Oracle)]
    public async Task Summarization_BeamFlags_GiveTransformersOutput()
    {
        var beams = await Json("summarization", "--model", Model("t5"), "--num-beams", "4", "--max-length", "24", "--min-length", "8", "--no-repeat-ngram-size", "3", "--length-penalty", "2.0", "--early-stopping", "true", Eiffel);
        var plain = await Json("summarization", "--model", Model("t5"), "--num-beams", "4", "--max-length", "24", "--min-length", "8", Eiffel);
        var penalty = await Json("summarization", "--model", Model("t5"), "--num-beams", "3", "--max-new-tokens", "10", "--repetition-penalty", "1.5", Eiffel);

        Assert.Equal("Stir Stir Stir auzit auzit Partners Partners Partners auzit auzit ligament ligament ligamentELEELEELEstärktstärktstärktELEELE dessin dessin", (string)beams["summary_text"]!);
        Assert.NotEqual((string)beams["summary_text"]!, (string)plain["summary_text"]!);
        Assert.NotEqual((string)penalty["summary_text"]!, (string)(await Json("summarization", "--model", Model("t5"), "--num-beams", "3", "--max-new-tokens", "10", Eiffel))["summary_text"]!);
    }

    [FixtureFact(Oracle)]
    public async Task Translation_DoSampleWithSeed_ReproducibleAndNotGreedy()
    {
        string[] common = ["translation", "--model", Model("marian"), "--num-beams", "1", "--max-new-tokens", "12"];
        var first = await Json([.. common, "--do-sample", "--seed", "7", "--top-k", "0", "--temperature", "5", "How old are you?"]);
        var again = await Json([.. common, "--do-sample", "--seed", "7", "--top-k", "0", "--temperature", "5", "How old are you?"]);
        var greedy = await Json([.. common, "How old are you?"]);

        Assert.Equal((string)first["translation_text"]!, (string)again["translation_text"]!);
        Assert.NotEqual((string)greedy["translation_text"]!, (string)first["translation_text"]!);
        Assert.Equal("Banga Banga Banga institute institute institute institute institute institute institute institute institute", (string)greedy["translation_text"]!);
    }

    [FixtureFact(Oracle)]
    public async Task Translation_DoSampleWithBeams_OneLineErrorNamingTheFix()
    {
        var (code, _, error) = await CliRunner.RunAsync("translation", "--model", Model("marian"), "--num-beams", "4", "--do-sample", "Hi");

        Assert.Equal(1, code);
        Assert.Contains("do_sample with num_beams 4", error, StringComparison.Ordinal);
    }

    [FixtureFact(Oracle)]
    public async Task QuestionAnswering_Flags_ReachThePipeline()
    {
        string[] common = ["question-answering", "--model", Model("question-answering"), "--question", "Where is the Eiffel Tower?", "--context", "The Eiffel Tower is a wrought-iron lattice tower on the Champ de Mars in Paris, France. It is named after the engineer Gustave Eiffel, whose company designed and built the tower from 1887 to 1889.", "--top-k", "3"];
        var python = await Json(common);
        var unlimited = await Json([.. common, "--max-answer-len", "512", "--align-to-words", "false"]);
        var (code, _, error) = await CliRunner.RunAsync([.. common, "--max-seq-len", "300", "--doc-stride", "400"]);

        Assert.Equal(0.0011571657124763717, (double)unlimited[1]!["score"]!, 6);
        Assert.NotEqual((double)python[1]!["score"]!, (double)unlimited[1]!["score"]!);
        Assert.Equal(1, code);
        Assert.Contains("DocStride (400) is larger than MaxSeqLength (300)", error, StringComparison.Ordinal);
    }

    [FixtureFact(Oracle)]
    public async Task TokenClassification_LegacyGroupedEntitiesIgnoreSubwords_SameAsFirst()
    {
        const string text = "Angela Merkel met Emmanuel Macron in Berlin.";
        var legacy = await Json("token-classification", "--model", Model("ner"), "--grouped-entities", "--ignore-subwords", text);
        var first = await Json("token-classification", "--model", Model("ner"), "--aggregation-strategy", "first", text);
        var none = await Json("token-classification", "--model", Model("ner"), text);

        Assert.Equal(first.ToJsonString(), legacy.ToJsonString());
        Assert.NotEqual(none.ToJsonString(), legacy.ToJsonString());
    }

    [FixtureFact(Oracle)]
    public async Task Tokenize_AddSpecialTokensFalse_SameAsNoSpecialTokens()
    {
        var python = await Json("tokenize", "--model", Model("ner"), "--add-special-tokens", "false", "Hello world");
        var ours = await Json("tokenize", "--model", Model("ner"), "--no-special-tokens", "Hello world");
        var with = await Json("tokenize", "--model", Model("ner"), "--add-special-tokens", "true", "Hello world");

        Assert.Equal(ours["input_ids"]!.ToJsonString(), python["input_ids"]!.ToJsonString());
        Assert.Equal(python["input_ids"]!.AsArray().Count + 2, with["input_ids"]!.AsArray().Count);
    }

    [FixtureFact(Oracle)]
    public async Task FillMask_TargetsRepeatedJsonOrCommas_SamePredictions()
    {
        string[] common = ["fill-mask", "--model", Model("fill-mask"), "Paris is the [MASK] of France."];
        var commas = await Json([.. common, "--targets", "capital,city"]);
        var json = await Json([.. common, "--targets", """["capital", "city"]"""]);
        var repeated = await Json([.. common, "--targets", "capital", "--targets", "city"]);

        Assert.Equal(2, commas.AsArray().Count);
        Assert.Equal(commas.ToJsonString(), json.ToJsonString());
        Assert.Equal(commas.ToJsonString(), repeated.ToJsonString());
    }

    [FixtureFact(Oracle)]
    public async Task ZeroShot_LabelWithAComma_KeptWholeAsJsonOrRepeated()
    {
        string[] common = ["zero-shot-classification", "--model", Model("zero-shot"), "Will it rain in Seattle tomorrow?"];
        var json = await Json([.. common, "--candidate-labels", """["billing, refunds", "weather"]"""]);
        var repeated = await Json([.. common, "--candidate-labels", "billing, refunds", "--candidate-labels", "weather"]);
        var commas = await Json([.. common, "--candidate-labels", "billing, refunds, weather"]);

        Assert.Equal(["billing, refunds", "weather"], json["labels"]!.AsArray().Select(l => (string)l!).Order());
        Assert.Equal(json.ToJsonString(), repeated.ToJsonString());
        Assert.Equal(3, commas["labels"]!.AsArray().Count);
    }

    [FixtureFact(Oracle, "audio/jfk.wav")]
    public async Task SpeechRecognition_NumBeamsAndMaxNewTokens_ReachWhisper()
    {
        string[] common = ["automatic-speech-recognition", "--model", Model("whisper"), "--language", "en", TestFixtures.PathOf("audio/jfk.wav")];
        var beams = await Json([.. common, "--num-beams", "5"]);
        var greedy = await Json(common);
        var short5 = await Json([.. common, "--max-new-tokens", "5"]);

        Assert.StartsWith(" això això", (string)beams["text"]!, StringComparison.Ordinal);
        Assert.StartsWith(" そう això", (string)greedy["text"]!, StringComparison.Ordinal);
        Assert.Equal(24, ((string)greedy["text"]!).Trim().Split(' ').Length);
        Assert.Equal(5, ((string)short5["text"]!).Trim().Split(' ').Length);
    }
}
