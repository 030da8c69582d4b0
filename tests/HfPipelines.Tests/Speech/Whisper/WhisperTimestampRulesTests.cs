using HfPipelines.Speech.Whisper;
using static HfPipelines.Tests.Speech.Whisper.FakeWhisperTokenizer;

namespace HfPipelines.Tests.Speech.Whisper;

public class WhisperTimestampRulesTests
{
    private static readonly FakeWhisperTokenizer Tokenizer = new();
    private static readonly int[] Prompt = [StartOfTranscript, English, Transcribe];

    private static float[] Apply(params int[] generated)
    {
        var scores = new float[Tokenizer.VocabularySize];
        new WhisperTimestampRules(WhisperTokens.From(Tokenizer), Prompt.Length, maxInitialTimestampIndex: 10).Apply(scores, [.. Prompt, .. generated]);
        return scores;
    }

    [Fact]
    public void Apply_FirstToken_MustBeEarlyTimestamp()
    {
        var scores = Apply();

        Assert.All(scores[..TimestampBegin], s => Assert.Equal(float.NegativeInfinity, s));
        Assert.Equal(0f, scores[TimestampBegin + 10]);
        Assert.Equal(float.NegativeInfinity, scores[TimestampBegin + 11]);
    }

    [Fact]
    public void Apply_AfterSingleTimestamp_NoTextBeforeEos()
    {
        var scores = Apply(TimestampBegin, 3, TimestampBegin + 5);

        // Text is out; the closing timestamp may repeat the last one but not go back. (With flat scores the 96
        // allowed timestamps outweigh EOS, so the last rule forces a timestamp too.)
        Assert.Equal(float.NegativeInfinity, scores[3]);
        Assert.Equal(0f, scores[TimestampBegin + 5]);
        Assert.Equal(float.NegativeInfinity, scores[TimestampBegin + 4]);
    }

    [Fact]
    public void Apply_AfterTimestampPair_TextOnlyAndNoGoingBack()
    {
        var scores = Apply(TimestampBegin, 3, TimestampBegin + 5, TimestampBegin + 5);

        Assert.Equal(0f, scores[3]);
        Assert.All(scores[TimestampBegin..], s => Assert.Equal(float.NegativeInfinity, s));
        Assert.Equal(float.NegativeInfinity, scores[NoTimestamps]);
    }

    [Fact]
    public void Apply_TimestampsLikelierThanText_ForcesTimestamp()
    {
        var scores = new float[Tokenizer.VocabularySize];
        Array.Fill(scores, -10f);
        scores[3] = 0f;
        for (var t = TimestampBegin + 6; t < scores.Length; t++)
        {
            scores[t] = -1f;
        }

        new WhisperTimestampRules(WhisperTokens.From(Tokenizer), Prompt.Length, 10).Apply(scores, [.. Prompt, TimestampBegin, 4]);

        Assert.Equal(float.NegativeInfinity, scores[3]);
        Assert.Equal(-1f, scores[TimestampBegin + 6]);
    }
}
