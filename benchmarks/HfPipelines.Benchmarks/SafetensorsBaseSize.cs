using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using HfPipelines.Safetensors;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace HfPipelines.Benchmarks;

/// <summary>
/// <c>safetensors-base [fixtures]</c>: what the first load of a BERT-base-sized safetensors checkpoint costs (12 layers of
/// width 768, intermediate 3072, the bert-base-uncased vocabulary: 110 M float32 weights, 438 MB): the checkpoint is
/// written with seeded random weights, then the graph is built from it (cold and again), the session loaded, and a
/// batch of 1 x 128 tokens run. There is no optimum export of that size here to compare with; these are the absolute
/// times a user waits once per checkpoint and head.
/// </summary>
internal static class SafetensorsBaseSize
{
    public static int Run(string fixtures)
    {
        var work = Directory.CreateTempSubdirectory("hfp-safetensors-base-").FullName;
        try
        {
            var checkpoint = Path.Combine(work, "bert-base");
            Directory.CreateDirectory(checkpoint);
            var config = JsonNode.Parse(File.ReadAllText(Path.Combine(fixtures, "pyoracle-safetensors", "bert-safetensors", "config.json")))!.AsObject();
            config["hidden_size"] = 768;
            config["num_hidden_layers"] = 12;
            config["num_attention_heads"] = 12;
            config["intermediate_size"] = 3072;
            File.WriteAllText(Path.Combine(checkpoint, "config.json"), config.ToJsonString());
            var write = Stopwatch.StartNew();
            var bytes = WriteCheckpoint(Path.Combine(checkpoint, "model.safetensors"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"checkpoint written: {bytes / 1e6:0} MB in {write.Elapsed.TotalSeconds:0.0} s"));

            var built = Path.Combine(work, "built", "model.onnx");
            foreach (var pass in new[] { "first", "again" })
            {
                var build = Stopwatch.StartNew();
                EncoderGraphBuilder.Build(checkpoint, EncoderHead.BaseModel, built);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"build ({pass}): {build.Elapsed.TotalSeconds:0.00} s, graph {new FileInfo(built).Length / 1024.0:0} KiB + data {new FileInfo(built + ".data").Length / 1e6:0} MB, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB"));
            }

            var load = Stopwatch.StartNew();
            using var session = new InferenceSession(built);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"session load: {load.Elapsed.TotalSeconds:0.00} s"));
            var ids = new DenseTensor<long>(Enumerable.Range(0, 128).Select(i => (long)(1000 + i)).ToArray(), [1, 128]);
            var inputs = new List<NamedOnnxValue>
            {
                NamedOnnxValue.CreateFromTensor("input_ids", ids),
                NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(Enumerable.Repeat(1L, 128).ToArray(), [1, 128])),
                NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(new long[128], [1, 128])),
            };
            session.Run(inputs).Dispose();
            var times = Enumerable.Range(0, 10).Select(_ =>
            {
                var run = Stopwatch.StartNew();
                session.Run(inputs).Dispose();
                return run.Elapsed.TotalMilliseconds;
            }).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run 1 x 128 tokens: median {times[5]:0.0} ms of 10"));
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Writes a BertModel state dict of bert-base sizes with seeded random weights (scale 0.02), streamed.</summary>
    private static long WriteCheckpoint(string path)
    {
        var tensors = new List<(string Name, long[] Shape)>
        {
            ("embeddings.word_embeddings.weight", [30522, 768]), ("embeddings.position_embeddings.weight", [512, 768]),
            ("embeddings.token_type_embeddings.weight", [2, 768]), ("embeddings.LayerNorm.weight", [768]), ("embeddings.LayerNorm.bias", [768]),
            ("pooler.dense.weight", [768, 768]), ("pooler.dense.bias", [768]),
        };
        for (var layer = 0; layer < 12; layer++)
        {
            var p = $"encoder.layer.{layer}.";
            foreach (var name in new[] { "attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense" })
            {
                tensors.Add((p + name + ".weight", [768, 768]));
                tensors.Add((p + name + ".bias", [768]));
            }

            tensors.AddRange([(p + "intermediate.dense.weight", [3072, 768]), (p + "intermediate.dense.bias", [3072]), (p + "output.dense.weight", [768, 3072]), (p + "output.dense.bias", [768])]);
            foreach (var norm in new[] { "attention.output.LayerNorm", "output.LayerNorm" })
            {
                tensors.Add((p + norm + ".weight", [768]));
                tensors.Add((p + norm + ".bias", [768]));
            }
        }

        tensors.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        var header = new JsonObject();
        long offset = 0;
        foreach (var (name, shape) in tensors)
        {
            var length = shape.Aggregate(4L, (a, d) => a * d);
            header[name] = new JsonObject { ["dtype"] = "F32", ["shape"] = new JsonArray([.. shape.Select(d => (JsonNode?)d)]), ["data_offsets"] = new JsonArray(offset, offset + length) };
            offset += length;
        }

        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        var random = new Random(7);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        stream.Write(BitConverter.GetBytes((long)json.Length));
        stream.Write(json);
        var buffer = new float[1 << 16];
        foreach (var (name, shape) in tensors)
        {
            var count = shape.Aggregate(1L, (a, d) => a * d);
            var isNorm = name.Contains("LayerNorm.weight", StringComparison.Ordinal);
            for (long done = 0; done < count; done += buffer.Length)
            {
                var n = (int)Math.Min(buffer.Length, count - done);
                for (var i = 0; i < n; i++)
                {
                    buffer[i] = isNorm ? 1f : (float)((random.NextDouble() - 0.5) * 0.04);
                }

                stream.Write(MemoryMarshal.AsBytes(buffer.AsSpan(0, n)));
            }
        }

        return stream.Length;
    }
}
