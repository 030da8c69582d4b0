namespace HfPipelines.Audio;

/// <summary>A decoder that hands out interleaved float samples block by block (bounded memory).</summary>
internal interface IAudioSource : IDisposable
{
    /// <summary>Samples per second per channel.</summary>
    int SampleRate { get; }

    /// <summary>Channels per frame.</summary>
    int Channels { get; }

    /// <summary>Reads up to <c>buffer.Length / Channels</c> frames of interleaved samples in [-1, 1].</summary>
    /// <param name="buffer">The destination; its length is a multiple of <see cref="Channels"/>.</param>
    /// <returns>Samples written (a multiple of <see cref="Channels"/>), 0 at the end.</returns>
    int Read(float[] buffer);
}
