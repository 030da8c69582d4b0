namespace HfPipelines.Speech.Whisper;

/// <summary>
/// transformers' segment loop of Whisper's <c>generate()</c> with timestamps (what its pipeline runs on every window,
/// since short-form decoding with timestamps "uses the same logic as long-form transcription"): a decode that ends
/// with two timestamps left its last segment unfinished, so the tokens after the last pair are dropped and the window
/// is decoded again from that timestamp (its features from there, zero-padded to 30 s). The kept tokens of every pass
/// are concatenated; each pass's timestamps start again from 0, which <see cref="WhisperAsrDecoder"/> resolves as
/// transformers' <c>_decode_asr</c> does. A pass that ends with a single timestamp, or has no timestamp pair, consumes
/// the rest of the window.
/// </summary>
internal static class WhisperSeek
{
    /// <summary>Feature frames per 30-second window.</summary>
    public const int WindowFrames = 3000;

    /// <summary>Feature frames per timestamp step (0.02 s timestamps over 0.01 s frames).</summary>
    public const int FramesPerTimestamp = 2;

    /// <summary>Seconds per feature frame.</summary>
    public const double SecondsPerFrame = 0.01;

    /// <summary>
    /// transformers' <c>_retrieve_segment</c>, reduced to what the output needs: how many leading tokens of one pass are
    /// kept, and how many feature frames the pass consumed.
    /// </summary>
    /// <param name="tokens">The pass's tokens, prompt and final end-of-text excluded.</param>
    /// <param name="timestampBegin">The first timestamp token.</param>
    /// <param name="seekFrames">The frames the pass was given (the rest of the window).</param>
    /// <returns>The kept count and the frames consumed (all of them when the pass cannot advance: it ends the window).</returns>
    public static (int Kept, int Consumed) Retrieve(IReadOnlyList<int> tokens, int timestampBegin, int seekFrames)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var lastPairEnd = -1;
        for (var i = 1; i < tokens.Count; i++)
        {
            if (tokens[i] >= timestampBegin && tokens[i - 1] >= timestampBegin)
            {
                lastPairEnd = i;
            }
        }

        var singleEnding = tokens.Count >= 2 && tokens[^2] < timestampBegin && tokens[^1] >= timestampBegin;
        if (lastPairEnd < 0 || singleEnding)
        {
            return (tokens.Count, seekFrames);
        }

        // Unfinished last segment: keep up to the pair, seek to its first timestamp (the end of the last whole segment).
        var kept = lastPairEnd + 1;
        var consumed = (tokens[kept - 2] - timestampBegin) * FramesPerTimestamp;

        // transformers would decode the same input again forever on a pair at <|0.00|>; the window ends there instead.
        return (kept, consumed > 0 ? consumed : seekFrames);
    }

    /// <summary>
    /// The encoder frames transformers 5 aligns a pass on (<see cref="WhisperModel.PromptRowsInAlignment"/> false only):
    /// its pipeline gives <c>num_frames</c> (the chunk's feature frames), <c>_postprocess_outputs</c> takes
    /// <c>num_frames - seek</c>, and <c>_extract_token_timestamps</c> cuts the weights with <c>[..., :n // 2]</c> twice
    /// (once for the batch, once per item). For a first pass that is the audio's frames; for a later pass past the
    /// audio the stop is negative, so Python's slicing counts from the end, twice, and usually nothing is left: then
    /// every token of the pass gets -0.02 s (see <see cref="WhisperModel"/>).
    /// </summary>
    /// <param name="audioFeatureFrames">The chunk's feature frames that hold audio (samples / hop length).</param>
    /// <param name="seek">The feature frame the pass starts at.</param>
    /// <returns>The encoder frames kept, 0 to 1500.</returns>
    public static int TransformersAlignmentFrames(int audioFeatureFrames, int seek)
    {
        var stop = (int)Math.Floor((audioFeatureFrames - seek) / (double)FramesPerTimestamp);
        const int EncoderFrames = WindowFrames / FramesPerTimestamp;
        return Cut(Cut(EncoderFrames));

        int Cut(int length) => stop >= 0 ? Math.Min(stop, length) : Math.Max(0, length + stop);
    }

    /// <summary>The features from frame <paramref name="seek"/> to <paramref name="end"/>, zero-padded to a whole window.</summary>
    /// <param name="features">[mel bins x frames] row-major.</param>
    /// <param name="melBins">Mel bins.</param>
    /// <param name="seek">First frame.</param>
    /// <param name="end">Frame after the last one.</param>
    /// <returns>[mel bins x <see cref="WindowFrames"/>] row-major.</returns>
    public static float[] Slice(float[] features, int melBins, int seek, int end)
    {
        ArgumentNullException.ThrowIfNull(features);
        var frames = features.Length / melBins;
        var result = new float[melBins * WindowFrames];
        var count = Math.Min(end - seek, WindowFrames);
        for (var bin = 0; bin < melBins; bin++)
        {
            Array.Copy(features, (bin * frames) + seek, result, bin * WindowFrames, count);
        }

        return result;
    }
}
