using HfPipelines.Speech.Whisper;
using HfPipelines.Tasks;

namespace HfPipelines.Tests.Speech.Whisper;

public class WhisperWindowsTests
{
    private const int Rate = WhisperSpeechRecognitionPipeline.SampleRate;

    [Fact]
    public void Windows_ShortAudio_OneWindow()
    {
        var windows = WhisperSpeechRecognitionPipeline.Windows(11 * Rate, new SpeechRecognitionOptions());

        Assert.Equal([(0, 11 * Rate, 0, 0)], windows);
    }

    [Fact]
    public void Windows_ChunkAndStride_FollowChunkIter()
    {
        // 60 s in 30 s chunks with 5 s strides: windows start every 20 s.
        var windows = WhisperSpeechRecognitionPipeline.Windows(60 * Rate, new SpeechRecognitionOptions { ChunkLengthSeconds = 30 });

        Assert.Equal(
            [(0, 30 * Rate, 0, 5 * Rate), (20 * Rate, 30 * Rate, 5 * Rate, 5 * Rate), (40 * Rate, 20 * Rate, 5 * Rate, 0)],
            windows);
    }

    [Fact]
    public void Windows_LongAudioWithoutChunkLength_UsesThirtySecondWindows()
    {
        var windows = WhisperSpeechRecognitionPipeline.Windows(45 * Rate, new SpeechRecognitionOptions());

        Assert.Equal(2, windows.Count);
        Assert.Equal(30 * Rate, windows[0].Length);
    }

    [Fact]
    public void Windows_StrideTooLarge_ThrowsNamingBoth()
    {
        var ex = Assert.Throws<InvalidPipelineInputException>(() =>
            WhisperSpeechRecognitionPipeline.Windows(60 * Rate, new SpeechRecognitionOptions { ChunkLengthSeconds = 10, StrideLengthSeconds = 5 }));

        Assert.Contains("stride_length_s", ex.Message);
    }
}
