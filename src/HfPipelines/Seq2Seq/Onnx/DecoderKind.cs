namespace HfPipelines.Seq2Seq.Onnx;

/// <summary>How an encoder-decoder export runs its decoder.</summary>
public enum DecoderKind
{
    /// <summary><c>decoder_model_merged.onnx</c>: one graph, <c>use_cache_branch</c> picks the path.</summary>
    Merged,

    /// <summary><c>decoder_model.onnx</c> for the first step, <c>decoder_with_past_model.onnx</c> after.</summary>
    WithPast,

    /// <summary><c>decoder_model.onnx</c> alone, fed the whole decoder sequence at every step.</summary>
    NoCache,
}
