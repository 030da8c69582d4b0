using Google.Protobuf;
using HfPipelines.Safetensors.Graph;

namespace HfPipelines.Safetensors;

/// <summary>
/// Builds an ONNX model from a Hugging Face encoder checkpoint that ships only safetensors weights (<c>config.json</c>
/// + <c>model.safetensors</c>, or shards listed by <c>model.safetensors.index.json</c>), for the encoder families in
/// <see cref="SupportedModelTypes"/>. The model has the inputs and outputs of an optimum export of the same task
/// (<c>input_ids</c>, <c>attention_mask</c>, and <c>token_type_ids</c> for BERT only; <c>last_hidden_state</c>,
/// <c>logits</c>, or <c>start_logits</c>/<c>end_logits</c>), so the ONNX pipelines run it as they run an export, and
/// its nodes have the shapes ONNX Runtime's graph optimizations fuse (attention, layer norms, gelu).
/// F16 and BF16 weights are converted to float32. docs/safetensors.md describes the mapping.
/// </summary>
public static class EncoderGraphBuilder
{
    private static readonly string[] s_supported = ["bert", "roberta", "xlm-roberta", "distilbert", "mpnet"];

    /// <summary>The <c>model_type</c> values this builder supports: <c>bert</c>, <c>roberta</c>, <c>xlm-roberta</c>, <c>distilbert</c>, <c>mpnet</c>.</summary>
    public static IReadOnlyCollection<string> SupportedModelTypes => s_supported;

    /// <summary>
    /// Changes whenever the builder's output for the same checkpoint would change; part of a derived-model cache key.
    /// </summary>
    public static string Version => "1";

    /// <summary>
    /// True when <paramref name="folder"/> has a <c>config.json</c> with a supported <c>model_type</c> and its weights as
    /// <c>model.safetensors</c>, or as shards listed by <c>model.safetensors.index.json</c> that are all present.
    /// Cheap: reads <c>config.json</c> (and the index) and checks that files exist; never throws for a bad folder.
    /// </summary>
    /// <param name="folder">A model folder.</param>
    /// <returns>Whether <see cref="Build"/> can be asked to build it.</returns>
    public static bool IsCheckpoint(string folder)
    {
        if (string.IsNullOrWhiteSpace(folder) || !Directory.Exists(folder))
        {
            return false;
        }

        var type = EncoderConfig.ReadModelType(Path.Combine(folder, "config.json"));
        if (type is null || !s_supported.Contains(type))
        {
            return false;
        }

        if (File.Exists(Path.Combine(folder, EncoderWeights.SingleFile)))
        {
            return true;
        }

        try
        {
            var shards = EncoderWeights.ShardNames(folder);
            return shards is { Count: > 0 } && shards.All(shard => File.Exists(Path.Combine(folder, shard)));
        }
        catch (Exception ex) when (ex is ModelLoadException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Builds the ONNX model of the checkpoint with the given head and writes it to <paramref name="outputPath"/>.
    /// The weights go to an external-data file beside it named <c>Path.GetFileName(outputPath) + ".data"</c> (e.g.
    /// <c>model.onnx.data</c>); keep the two files together. The write is atomic: both are written under temporary
    /// names and moved into place last (the data file first), so a cancelled or failed build never leaves a file at
    /// <paramref name="outputPath"/>. Memory: one weight tensor (and its transposed copy) at a time.
    /// </summary>
    /// <param name="checkpointFolder">The checkpoint folder (<c>config.json</c> and safetensors weights).</param>
    /// <param name="head">The task head to end the graph in.</param>
    /// <param name="outputPath">The <c>.onnx</c> file to write (its folder is created).</param>
    /// <param name="cancellationToken">Checked before each tensor.</param>
    /// <exception cref="ModelLoadException">
    /// An unsupported <c>model_type</c>, a head the checkpoint lacks (e.g. text classification of a bare
    /// <c>BertModel</c>), a missing or ill-shaped tensor, a damaged weights file or a bad config; one line that names
    /// the file or tensor and the fix.
    /// </exception>
    /// <exception cref="OperationCanceledException">The build was cancelled (nothing is left at <paramref name="outputPath"/>).</exception>
    public static void Build(string checkpointFolder, EncoderHead head, string outputPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(checkpointFolder);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        if (!Enum.IsDefined(head))
        {
            throw new ArgumentOutOfRangeException(nameof(head), head, "Unknown encoder head.");
        }

        var config = EncoderConfig.Read(Path.Combine(checkpointFolder, "config.json"));
        var prefix = config.IsDistilBert ? "distilbert." : config.IsRoberta ? "roberta." : config.IsMpnet ? "mpnet." : "bert.";
        using var weights = EncoderWeights.Open(checkpointFolder, prefix);
        outputPath = Path.GetFullPath(outputPath);
        Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);
        var dataName = Path.GetFileName(outputPath) + ".data";
        var dataPath = Path.Combine(Path.GetDirectoryName(outputPath)!, dataName);
        var tag = ".tmp-" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            var hasData = Write(checkpointFolder, head, config, weights, outputPath + tag, dataPath + tag, dataName, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            if (hasData)
            {
                File.Move(dataPath + tag, dataPath, overwrite: true);
            }
            else
            {
                File.Delete(dataPath);
            }

            File.Move(outputPath + tag, outputPath, overwrite: true);
        }
        finally
        {
            File.Delete(outputPath + tag);
            File.Delete(dataPath + tag);
        }
    }

    private static bool Write(string folder, EncoderHead head, EncoderConfig config, EncoderWeights weights, string modelTemp, string dataTemp, string dataName, CancellationToken cancellationToken)
    {
        using var writer = new OnnxGraphWriter(dataTemp, dataName, cancellationToken);
        var graph = new EncoderGraph(writer, weights, config);
        graph.RequireHead(head, folder);
        graph.Head(head, graph.Encoder(), folder);
        var model = writer.Finish(Version, $"{config.ModelType} {head}, built from safetensors by HfPipelines");
        cancellationToken.ThrowIfCancellationRequested();
        using (var stream = new FileStream(modelTemp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            model.WriteTo(stream);
            stream.Flush(flushToDisk: true);
        }

        return writer.HasExternalData;
    }
}
