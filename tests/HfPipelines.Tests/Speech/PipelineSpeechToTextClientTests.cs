#pragma warning disable MEAI001 // ISpeechToTextClient is experimental in Microsoft.Extensions.AI.
using HfPipelines.Pipelines;
using HfPipelines.Speech;
using HfPipelines.Tasks;

namespace HfPipelines.Tests.Speech;

public class PipelineSpeechToTextClientTests
{
    private sealed class FakeAsr : IPipeline<AudioInput, SpeechRecognitionOptions, SpeechRecognitionResult>
    {
        public SpeechRecognitionOptions? Last { get; private set; }

        public int Bytes { get; private set; }

        public bool Disposed { get; private set; }

        public string Task => PipelineTasks.AutomaticSpeechRecognition;

        public Task<SpeechRecognitionResult> RunAsync(AudioInput input, SpeechRecognitionOptions? options = null, CancellationToken cancellationToken = default)
        {
            Last = options;
            Bytes = input.Bytes.Length;
            return System.Threading.Tasks.Task.FromResult(new SpeechRecognitionResult
            {
                Text = " And so my fellow Americans",
                Chunks = [new SpeechChunk(" And so", [0.0, 1.5]), new SpeechChunk(" my fellow Americans", [1.5, 3.2])],
            });
        }

        public Task<IReadOnlyList<SpeechRecognitionResult>> RunBatchAsync(IReadOnlyList<AudioInput> inputs, SpeechRecognitionOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public void Dispose() => Disposed = true;
    }

    [Fact]
    public async Task GetTextAsync_Stream_ReturnsTextSegmentsAndTimes()
    {
        var asr = new FakeAsr();
        using var client = new PipelineSpeechToTextClient(asr);
        using var audio = new MemoryStream(new byte[1234]);

        var response = await client.GetTextAsync(audio, new Microsoft.Extensions.AI.SpeechToTextOptions { SpeechLanguage = "en" });

        Assert.Equal("And so my fellow Americans", response.Text.Trim());
        Assert.Equal(1234, asr.Bytes);
        Assert.Equal("en", asr.Last!.Language);
        Assert.Equal("transcribe", asr.Last.Task);
        Assert.Equal(TimeSpan.FromSeconds(3.2), response.EndTime);
        Assert.Equal(2, response.Contents.Count);
    }

    [Fact]
    public async Task GetTextAsync_TextLanguageEnglish_AsksToTranslate()
    {
        var asr = new FakeAsr();
        using var client = new PipelineSpeechToTextClient(asr, ownsPipeline: true);

        await client.GetTextAsync(new MemoryStream([1, 2]), new Microsoft.Extensions.AI.SpeechToTextOptions { SpeechLanguage = "fr", TextLanguage = "en" });
        await Assert.ThrowsAsync<InvalidPipelineInputException>(() =>
            client.GetTextAsync(new MemoryStream([1, 2]), new Microsoft.Extensions.AI.SpeechToTextOptions { SpeechLanguage = "en", TextLanguage = "de" }));

        Assert.Equal("translate", asr.Last!.Task);
        client.Dispose();
        Assert.True(asr.Disposed);
        Assert.Null(client.GetService(typeof(string)));
    }
}
