using HfPipelines.Speech.Whisper;
using static HfPipelines.Tests.Speech.Whisper.FakeWhisperTokenizer;

namespace HfPipelines.Tests.Speech.Whisper;

public class WhisperTokensTests
{
    [Fact]
    public void From_FindsSpecialTokensAndLanguages()
    {
        var tokens = WhisperTokens.From(new FakeWhisperTokenizer());

        Assert.Equal(StartOfTranscript, tokens.StartOfTranscript);
        Assert.Equal(TimestampBegin, tokens.TimestampBegin);
        Assert.Equal(new Dictionary<string, int> { ["en"] = English, ["fr"] = French }, tokens.Languages);
    }
}
