using HfPipelines.Testing;
using CsCheck;
using HfPipelines.Speech.Whisper;
using HfPipelines.Tasks;

namespace HfPipelines.Tests.Speech.Whisper;

/// <summary>The streamed windows are those of <see cref="WhisperSpeechRecognitionPipeline.Windows"/> over the whole clip.</summary>
public class WhisperAudioWindowsTests
{

    private static readonly SpeechRecognitionOptions[] Settings =
    [
        new(),
        new() { ChunkLengthSeconds = 30 },
        new() { ChunkLengthSeconds = 30, StrideLengthSeconds = 0 },
        new() { ChunkLengthSeconds = 10, StrideLengthSeconds = 2.5 },
        new() { ChunkLengthSeconds = 0.5, StrideLengthSeconds = 0.1 },
    ];

    [Fact]
    public Task ReadAsync_AnyLengthAndBlockSize_SameWindowsAsWholeClip() =>
        Gen.Select(Gen.Int[1, 3_000_000], Gen.Int[1, 200_000], Gen.Int[0, Settings.Length - 1]).CheckAsync(
            async (total, block, setting) =>
            {
                var options = Settings[setting];
                var expected = WhisperSpeechRecognitionPipeline.Windows(total, options);

                var streamed = new List<(int, int, int, int)>();
                await foreach (var window in WhisperAudioWindows.ReadAsync(Blocks(total, block), options))
                {
                    Assert.Equal(window.Start, window.Samples[0]);
                    Assert.Equal(window.Start + window.Samples.Length - 1, window.Samples[^1]);
                    streamed.Add(((int)window.Start, window.Samples.Length, window.StrideLeft, window.StrideRight));
                }

                Assert.Equal(expected, streamed);
            },
            iter: 200);

    [Theory]
    [InlineData(480_000)]
    [InlineData(480_001)]
    [InlineData(960_000)]
    public async Task ReadAsync_EdgesOfThirtySeconds_SameWindowsAsWholeClip(int total)
    {
        var streamed = new List<(int, int, int, int)>();
        await foreach (var window in WhisperAudioWindows.ReadAsync(Blocks(total, 16_384), new SpeechRecognitionOptions()))
        {
            streamed.Add(((int)window.Start, window.Samples.Length, window.StrideLeft, window.StrideRight));
        }

        Assert.Equal(WhisperSpeechRecognitionPipeline.Windows(total, new SpeechRecognitionOptions()), streamed);
    }

    [Fact]
    public async Task ReadAsync_NoSamples_ThrowsInvalidInput()
    {
        var error = await Assert.ThrowsAsync<InvalidPipelineInputException>(async () =>
        {
            await foreach (var window in WhisperAudioWindows.ReadAsync(Blocks(0, 10), new SpeechRecognitionOptions()))
            {
                Assert.Fail($"A window from no audio: {window}");
            }
        });

        Assert.Contains("no samples", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Samples whose values are their own positions, in blocks of <paramref name="block"/> (some empty).</summary>
    private static async IAsyncEnumerable<float[]> Blocks(int total, int block)
    {
        for (var start = 0; start < total; start += block)
        {
            await Task.Yield();
            yield return [];
            yield return Enumerable.Range(start, Math.Min(block, total - start)).Select(i => (float)i).ToArray();
        }
    }
}
