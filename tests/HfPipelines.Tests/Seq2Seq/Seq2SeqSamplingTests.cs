using System.Text.Json.Nodes;
using HfPipelines.Seq2Seq;
using HfPipelines.Tasks;

namespace HfPipelines.Tests.Seq2Seq;

public sealed class Seq2SeqSamplingTests
{
    private const int Vocabulary = 12;
    private const int Eos = 2;

    private static Seq2SeqGenerationConfig Config(Action<Seq2SeqGenerationConfig>? change = null)
    {
        var config = new Seq2SeqGenerationConfig { DecoderStartTokenId = 0, EosTokenIds = [Eos], PadTokenId = 1, MaxNewTokens = 8, DoSample = true, TopK = 0 };
        change?.Invoke(config);
        return config;
    }

    // Tokens 5 and 6 equally likely, the end of text never.
    private static ScriptedSeq2SeqSession Coin() => new(1, Vocabulary, (row, h) => ScriptedSeq2SeqSession.Distribution(Vocabulary, (5, 0.5), (6, 0.5)));

    [Fact]
    public void Generate_DoSampleSameSeed_SameSequence()
    {
        var first = Seq2SeqGenerator.Generate(Coin(), 1, Config(c => c.Seed = 3))[0];
        var again = Seq2SeqGenerator.Generate(Coin(), 1, Config(c => c.Seed = 3))[0];

        Assert.Equal(first, again);
        Assert.Contains(5, first);
        Assert.Contains(6, first);
    }

    [Fact]
    public void Generate_DoSampleTopK1_AlwaysTheLikeliest()
    {
        var session = new ScriptedSeq2SeqSession(1, Vocabulary, (row, h) => ScriptedSeq2SeqSession.Distribution(Vocabulary, (7, 0.6), (8, 0.3)));

        var result = Seq2SeqGenerator.Generate(session, 1, Config(c => (c.TopK, c.Seed) = (1, 11)))[0];

        Assert.All(result[1..], t => Assert.Equal(7, t));
    }

    [Fact]
    public void Generate_DoSampleWithBeams_TypedErrorNamingTheFix()
    {
        var error = Assert.Throws<InvalidPipelineInputException>(() => Seq2SeqGenerator.Generate(Coin(), 1, Config(c => c.NumBeams = 2)));

        Assert.Contains("use num_beams 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_CallOptions_ReplaceOnlyWhatIsGiven()
    {
        var config = Config(c => (c.NumBeams, c.LengthPenalty) = (4, 1.5));

        config.Apply(new SummarizationOptions { NoRepeatNgramSize = 3, EarlyStopping = true, Temperature = 0.7, DoSample = false });

        Assert.Equal((4, 1.5, 3, true, 0.7, false), (config.NumBeams, config.LengthPenalty, config.NoRepeatNgramSize, config.EarlyStopping, config.Temperature, config.DoSample));
    }

    [Fact]
    public void FromJson_GenerationConfigPresent_ModelConfigGivesOnlyTokenIds()
    {
        var generation = JsonNode.Parse("""{"decoder_start_token_id": 9, "num_beams": 4}""")!.AsObject();
        var model = JsonNode.Parse("""{"eos_token_id": 0, "pad_token_id": 9, "forced_eos_token_id": 0, "max_length": 64, "no_repeat_ngram_size": 3}""")!.AsObject();

        var config = Seq2SeqGenerationConfig.FromJson(generation, model);
        var legacy = Seq2SeqGenerationConfig.FromJson(null, model);

        Assert.Equal((9, 0, 9, 4), (config.DecoderStartTokenId, config.EosTokenIds[0], config.PadTokenId, config.NumBeams));
        Assert.Equal((null, 20, 0), (config.ForcedEosTokenId, config.MaxLength, config.NoRepeatNgramSize));
        Assert.Equal((0, 64, 3), (legacy.ForcedEosTokenId, legacy.MaxLength, legacy.NoRepeatNgramSize));
    }
}
