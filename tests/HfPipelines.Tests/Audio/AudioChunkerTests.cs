using HfPipelines.Audio;

namespace HfPipelines.Tests.Audio;

public sealed class AudioChunkerTests
{
    [Fact]
    public void Split_ThirtySecondsInTenSecondChunks_MatchesTransformersChunkIter()
    {
        // transformers: chunk_len = 10 * 16000, stride = round(10 / 6 * 16000) = 26667, step = 106666. The window
        // at 319998 ends at 479998 < 480000, so one more (53336 samples, more than its left stride) follows.
        var samples = new float[16_000 * 30];

        var chunks = AudioChunker.Split(samples, 16_000, 10);

        Assert.Equal([0, 106_666, 213_332, 319_998, 426_664], chunks.Select(c => c.Start));
        Assert.Equal((0, 26_667), (chunks[0].StrideLeft, chunks[0].StrideRight));
        Assert.Equal((26_667, 0), (chunks[^1].StrideLeft, chunks[^1].StrideRight));
        Assert.True(chunks[^1].IsLast);
        Assert.Equal(480_000 - 426_664, chunks[^1].Samples.Length);
        Assert.All(chunks.SkipLast(1), c => Assert.Equal(160_000, c.Samples.Length));
    }

    [Fact]
    public void Split_ShorterThanOneChunk_OneLastChunkWithoutStride()
    {
        var chunk = Assert.Single(AudioChunker.Split(new float[1000], 16_000, 30));

        Assert.Equal((0, 0, true, 1000), (chunk.StrideLeft, chunk.StrideRight, chunk.IsLast, chunk.Samples.Length));
    }

    [Fact]
    public void Split_TailOnlyInsideStride_IsDropped()
    {
        // 2 s chunks, 0.5 s strides, step 1 s: the window starting at 2 s holds 0.25 s, less than its left stride.
        var chunks = AudioChunker.Split(new float[36_000], 16_000, 2, 0.5);

        Assert.Equal([0, 16_000], chunks.Select(c => c.Start));
        Assert.True(chunks[^1].IsLast);
    }

    [Fact]
    public void Split_StrideTooLarge_TypedError()
    {
        Assert.Throws<InvalidPipelineInputException>(() => AudioChunker.Split(new float[100], 16_000, 1, 0.5));
    }
}
