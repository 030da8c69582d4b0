using Microsoft.ML.OnnxRuntime;

namespace HfPipelines.Seq2Seq.Onnx;

/// <summary>Sees the outputs of one decoder run before they are released.</summary>
/// <param name="names">The output names, in the order of <paramref name="outputs"/>.</param>
/// <param name="outputs">All outputs of the run (valid only during the call).</param>
/// <param name="firstPosition">The decoder position of the first row of the run's sequence outputs (0 without a
/// cache, where every run covers the whole sequence).</param>
internal delegate void DecoderOutputObserver(IReadOnlyList<string> names, IReadOnlyList<OrtValue> outputs, int firstPosition);
