namespace HfPipelines.Audio;

/// <summary>
/// One window of a long recording, as transformers' <c>chunk_iter</c> yields it for chunked speech
/// recognition: the samples and how many of them at each edge overlap the neighbours (the stride).
/// </summary>
/// <param name="Start">Index of the first sample in the whole recording.</param>
/// <param name="Samples">The window's samples (the last window may be shorter).</param>
/// <param name="StrideLeft">Samples at the start shared with the previous window (0 for the first).</param>
/// <param name="StrideRight">Samples at the end shared with the next window (0 for the last).</param>
/// <param name="IsLast">True for the final window.</param>
public sealed record AudioChunk(int Start, float[] Samples, int StrideLeft, int StrideRight, bool IsLast);
