using HfPipelines.Onnx;

namespace HfPipelines.Pipelines;

/// <summary>
/// How the core builds a task's pipeline from a resolved local model (a folder or a file): the factory returns the
/// task's typed pipeline, or null when the model is not of this kind (the next factory, or backend, is tried).
/// </summary>
/// <param name="Backend">A short name for messages, e.g. <c>onnx</c>, <c>onnx-seq2seq</c>, <c>extractive</c>.</param>
/// <param name="Create">Builds the pipeline from the resolved path and the ONNX Runtime options (null for the defaults).</param>
public sealed record LocalTaskFactory(string Backend, Func<string, OnnxPipelineOptions?, object?> Create);
