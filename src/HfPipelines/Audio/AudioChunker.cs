namespace HfPipelines.Audio;

/// <summary>
/// Splits long audio into overlapping windows exactly as transformers' automatic-speech-recognition
/// pipeline does with <c>chunk_length_s</c> and <c>stride_length_s</c> (default stride: a sixth of the
/// chunk on each side). Stateless and thread-safe.
/// </summary>
public static class AudioChunker
{
    /// <summary>Splits samples into windows.</summary>
    /// <param name="samples">Mono samples.</param>
    /// <param name="sampleRate">Their rate (positive).</param>
    /// <param name="chunkLengthSeconds">Window length in seconds (positive).</param>
    /// <param name="strideLengthSeconds">Overlap on each side in seconds; null for <c>chunkLengthSeconds / 6</c>.</param>
    /// <returns>The windows, in order.</returns>
    /// <exception cref="InvalidPipelineInputException">The strides leave no room for new audio in a window.</exception>
    public static IReadOnlyList<AudioChunk> Split(float[] samples, int sampleRate, double chunkLengthSeconds, double? strideLengthSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        if (!(chunkLengthSeconds > 0))
        {
            throw new InvalidPipelineInputException($"chunk_length_s must be positive, got {chunkLengthSeconds}.");
        }

        var strideSeconds = strideLengthSeconds ?? (chunkLengthSeconds / 6);
        var chunkLength = (int)Math.Round(chunkLengthSeconds * sampleRate, MidpointRounding.ToEven);
        var stride = (int)Math.Round(strideSeconds * sampleRate, MidpointRounding.ToEven);
        if (stride < 0 || chunkLength <= 2 * stride)
        {
            throw new InvalidPipelineInputException(
                $"chunk_length_s ({chunkLengthSeconds}) must be more than twice stride_length_s ({strideSeconds}); lower the stride or lengthen the chunk.");
        }

        var step = chunkLength - (2 * stride);
        var chunks = new List<AudioChunk>();
        for (var start = 0; start < samples.Length; start += step)
        {
            var end = start + chunkLength;
            var length = Math.Min(chunkLength, samples.Length - start);
            var isLast = end >= samples.Length;
            var left = start == 0 ? 0 : stride;
            if (length > left)
            {
                chunks.Add(new AudioChunk(start, samples.AsSpan(start, length).ToArray(), left, isLast ? 0 : stride, isLast));
            }

            if (isLast)
            {
                break;
            }
        }

        return chunks;
    }
}
