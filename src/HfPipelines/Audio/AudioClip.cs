namespace HfPipelines.Audio;

/// <summary>Decoded mono audio.</summary>
/// <param name="Samples">Mono samples in [-1, 1].</param>
/// <param name="SampleRate">Samples per second.</param>
public sealed record AudioClip(float[] Samples, int SampleRate)
{
    /// <summary>The duration.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRate);
}
