using HfPipelines.Seq2Seq;

namespace HfPipelines.Tests.Seq2Seq;

public class Seq2SeqGeneratorTests
{
    private const int Vocabulary = 12;
    private const int Start = 0;
    private const int Eos = 2;
    private const int Pad = 1;

    private static Seq2SeqGenerationConfig Config(Action<Seq2SeqGenerationConfig>? change = null)
    {
        var config = new Seq2SeqGenerationConfig { DecoderStartTokenId = Start, EosTokenIds = [Eos], PadTokenId = Pad, MaxLength = 10 };
        change?.Invoke(config);
        return config;
    }

    // Follows a fixed script: after history h the next token is script[h.Count - 1], then EOS.
    private static float[] Script(IReadOnlyList<int> history, params int[] script) =>
        ScriptedSeq2SeqSession.Distribution(Vocabulary, (history.Count - 1 < script.Length ? script[history.Count - 1] : Eos, 0.9));

    [Fact]
    public void Generate_Greedy_FollowsScriptAndStopsAtEos()
    {
        var session = new ScriptedSeq2SeqSession(1, Vocabulary, (row, h) => Script(h, 5, 6, 7));

        var result = Seq2SeqGenerator.Generate(session, 1, Config());

        Assert.Equal([Start, 5, 6, 7, Eos], result[0]);
        Assert.Equal(4, session.Steps);
    }

    [Fact]
    public void Generate_GreedyBatch_PadsRowsThatFinishedFirst()
    {
        var session = new ScriptedSeq2SeqSession(2, Vocabulary, (row, h) => row == 0 ? Script(h, 5) : Script(h, 8, 9, 10));

        var result = Seq2SeqGenerator.Generate(session, 2, Config());

        Assert.Equal([Start, 5, Eos, Pad, Pad], result[0]);
        Assert.Equal([Start, 8, 9, 10, Eos], result[1]);
    }

    [Fact]
    public void Generate_MaxNewTokens_Truncates()
    {
        var session = new ScriptedSeq2SeqSession(1, Vocabulary, (row, h) => Script(h, 5, 6, 7, 8, 9));

        var result = Seq2SeqGenerator.Generate(session, 1, Config(c => c.MaxNewTokens = 3));

        Assert.Equal([Start, 5, 6, 7], result[0]);
    }

    [Fact]
    public void Generate_MinLength_SuppressesEarlyEos()
    {
        // EOS is the favourite at once; 4 is second best.
        var session = new ScriptedSeq2SeqSession(1, Vocabulary, (row, h) => ScriptedSeq2SeqSession.Distribution(Vocabulary, (Eos, 0.7), (4, 0.2)));

        var result = Seq2SeqGenerator.Generate(session, 1, Config(c => c.MinLength = 3));

        Assert.Equal([Start, 4, 4, Eos], result[0]);
    }

    [Fact]
    public void Generate_ForcedBosAndEos_AreForced()
    {
        var session = new ScriptedSeq2SeqSession(1, Vocabulary, (row, h) => ScriptedSeq2SeqSession.Distribution(Vocabulary, (5, 0.9)));

        var result = Seq2SeqGenerator.Generate(session, 1, Config(c =>
        {
            c.ForcedBosTokenId = 11;
            c.ForcedEosTokenId = Eos;
            c.MaxLength = 5;
        }));

        Assert.Equal([Start, 11, 5, 5, Eos], result[0]);
    }

    [Fact]
    public void Generate_NoRepeatNgram_BlocksRepeatedBigram()
    {
        // Prefers 7 after anything but 7, and 8 after 7; 9 is always the runner-up.
        var session = new ScriptedSeq2SeqSession(1, Vocabulary, (row, h) =>
            ScriptedSeq2SeqSession.Distribution(Vocabulary, (h[^1] == 7 ? 8 : 7, 0.6), (9, 0.3)));

        var result = Seq2SeqGenerator.Generate(session, 1, Config(c =>
        {
            c.NoRepeatNgramSize = 2;
            c.MaxLength = 7;
        }));

        // 0 7 8 7 -> "7 8" again is banned -> 9; then "9 7" is new -> 7; then "7 8" and "7 9" are both
        // banned, so the best of the rest (the lowest id among equal scores) wins.
        Assert.Equal([Start, 7, 8, 7, 9, 7, 0], result[0]);
    }

    [Fact]
    public void Generate_BadWords_NeverProduced()
    {
        var session = new ScriptedSeq2SeqSession(1, Vocabulary, (row, h) => Script(h, 5, 6, 7));

        var result = Seq2SeqGenerator.Generate(session, 1, Config(c => c.BadWordsIds = [[6], [5, 7]]));

        Assert.DoesNotContain(6, result[0]);
        Assert.Equal(5, result[0][1]);
    }

    [Fact]
    public void Generate_RepetitionPenalty_AvoidsRepeats()
    {
        // Token 5 has logit 2.0, token 6 has 1.5, the rest 0: a penalty of 2 turns a repeated 5 into 1.0 and a
        // repeated 6 into 0.75, so after 5 comes 6, then 5 again (1.0 beats 0.75 and 0).
        var session = new ScriptedSeq2SeqSession(1, Vocabulary, (row, h) =>
        {
            var logits = new float[Vocabulary];
            logits[5] = 2.0f;
            logits[6] = 1.5f;
            logits[Eos] = h.Count >= 4 ? 10f : -10f;
            return logits;
        });

        var result = Seq2SeqGenerator.Generate(session, 1, Config(c => c.RepetitionPenalty = 2.0));

        Assert.Equal([Start, 5, 6, 5, Eos], result[0]);

        var unpenalized = Seq2SeqGenerator.Generate(new ScriptedSeq2SeqSession(1, Vocabulary, (row, h) =>
        {
            var logits = new float[Vocabulary];
            logits[5] = 2.0f;
            logits[Eos] = h.Count >= 4 ? 10f : -10f;
            return logits;
        }), 1, Config());
        Assert.Equal([Start, 5, 5, 5, Eos], unpenalized[0]);
    }

    [Fact]
    public void Generate_BeamSearch_FindsBetterSequenceThanGreedy()
    {
        // Greedy takes 3 (0.6) and then a flat 0.3 for EOS; beam search finds 4 (0.4) then EOS 0.9
        // (length_penalty 0 compares raw log-probabilities: 0.36 against 0.18 or less).
        float[] Logits(int row, IReadOnlyList<int> h) => h.Count switch
        {
            1 => ScriptedSeq2SeqSession.Distribution(Vocabulary, (3, 0.6), (4, 0.4)),
            2 when h[1] == 3 => ScriptedSeq2SeqSession.Distribution(Vocabulary, (Eos, 0.3), (5, 0.3), (6, 0.3)),
            2 when h[1] == 4 => ScriptedSeq2SeqSession.Distribution(Vocabulary, (Eos, 0.9)),
            _ => ScriptedSeq2SeqSession.Distribution(Vocabulary, (Eos, 0.99)),
        };

        var greedy = Seq2SeqGenerator.Generate(new ScriptedSeq2SeqSession(1, Vocabulary, Logits), 1, Config());
        var beam = Seq2SeqGenerator.Generate(new ScriptedSeq2SeqSession(2, Vocabulary, Logits), 1, Config(c =>
        {
            c.NumBeams = 2;
            c.LengthPenalty = 0;
        }));

        Assert.Equal([Start, 3, Eos], greedy[0]);
        Assert.Equal([Start, 4, Eos], beam[0]);
    }

    [Fact]
    public void Generate_BeamSearchBatch_ReordersCacheRows()
    {
        // Input 0 must find 4 -> 8 -> EOS (the second beam at step one); input 1 follows 9 -> EOS.
        float[] Logits(int row, IReadOnlyList<int> h)
        {
            var input = row / 3;
            if (input == 1)
            {
                return Script(h, 9);
            }

            return h.Count switch
            {
                1 => ScriptedSeq2SeqSession.Distribution(Vocabulary, (3, 0.5), (4, 0.45)),
                2 when h[1] == 4 => ScriptedSeq2SeqSession.Distribution(Vocabulary, (8, 0.99)),
                3 when h[2] == 8 => ScriptedSeq2SeqSession.Distribution(Vocabulary, (Eos, 0.99)),
                _ => ScriptedSeq2SeqSession.Distribution(Vocabulary, (5, 0.3), (Eos, 0.3)),
            };
        }

        var result = Seq2SeqGenerator.Generate(new ScriptedSeq2SeqSession(6, Vocabulary, Logits), 2, Config(c => c.NumBeams = 3));

        Assert.Equal([Start, 4, 8, Eos], result[0]);
        Assert.Equal([Start, 9, Eos], result[1].TakeWhile(t => t != Pad).ToArray());
    }

    [Fact]
    public void Generate_DecoderPromptAndSuppressTokens_AreHonoured()
    {
        // The decoder sees the whole prompt at the first step; 5 is suppressed everywhere, EOS only at the first position.
        var seen = new List<int>();
        var session = new ScriptedSeq2SeqSession(1, Vocabulary, (row, h) =>
        {
            seen.Add(h.Count);
            return ScriptedSeq2SeqSession.Distribution(Vocabulary, (Eos, 0.5), (5, 0.3), (6, 0.1));
        });

        var result = Seq2SeqGenerator.Generate(session, 1, Config(c =>
        {
            c.DecoderPromptTail = [9, 10];
            c.SuppressTokens = [5];
            c.BeginSuppressTokens = [Eos];
        }));

        Assert.Equal([Start, 9, 10, 6, Eos], result[0]);
        Assert.Equal([3, 4], seen);
    }

    [Fact]
    public void Generate_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var session = new ScriptedSeq2SeqSession(1, Vocabulary, (row, h) => Script(h, 5));

        Assert.Throws<OperationCanceledException>(() => Seq2SeqGenerator.Generate(session, 1, Config(), cts.Token));
        Assert.Equal(0, session.Steps);
    }

    [Fact]
    public void Generate_WrongLogitsShape_ThrowsModelLoad()
    {
        var session = new ScriptedSeq2SeqSession(1, Vocabulary, (row, h) => new float[Vocabulary - 1]);

        var ex = Assert.Throws<ModelLoadException>(() => Seq2SeqGenerator.Generate(session, 1, Config()));
        Assert.Contains("expected 1 rows of 12", ex.Message);
    }

    [Fact]
    public void Validate_NoEos_ThrowsNamingTheFix()
    {
        var config = Config(c => c.EosTokenIds = []);
        var ex = Assert.Throws<InvalidPipelineInputException>(config.Validate);
        Assert.Contains("eos_token_id", ex.Message);
    }
}
