#pragma warning disable SKEXP0001 // IAudioToTextService is experimental in Semantic Kernel.
using HfPipelines.SemanticKernel.Services;
using HfPipelines.SemanticKernel.Tests.Fakes;
using Microsoft.SemanticKernel;

namespace HfPipelines.SemanticKernel.Tests.Services;

public class HfPipelinesAudioToTextServiceTests
{
    [Fact]
    public async Task GetTextContentsAsync_FileUri_TranscribesThroughTheProvider()
    {
        var provider = FakePipelineProvider.WithAllTasks();
        var service = new HfPipelinesAudioToTextService(provider, "org/whisper");

        var texts = await service.GetTextContentsAsync(new AudioContent(new Uri("file:///tmp/meeting.wav")));

        Assert.Equal("transcript of meeting.wav", Assert.Single(texts).Text);
        Assert.Contains(provider.Requests, r => r.Model == "org/whisper");
    }

    [Fact]
    public async Task GetTextContentsAsync_RemoteUri_ThrowsSayingToDownload()
    {
        var service = new HfPipelinesAudioToTextService(FakePipelineProvider.WithAllTasks());

        var ex = await Assert.ThrowsAsync<InvalidPipelineInputException>(() => service.GetTextContentsAsync(new AudioContent(new Uri("https://example.com/a.wav"))));

        Assert.Contains("download", ex.Message);
    }
}
