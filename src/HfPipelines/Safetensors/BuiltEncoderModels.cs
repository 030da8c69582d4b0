using System.Security.Cryptography;
using System.Text;
using HfPipelines.Hub;
using HfPipelines.Pipelines;

namespace HfPipelines.Safetensors;

/// <summary>
/// The ONNX graphs built from safetensors checkpoints (<see cref="EncoderGraphBuilder"/>), kept under
/// <see cref="HubOptions.BuiltModelDirectory"/> so that only the first load of a checkpoint and head builds one:
/// <c>&lt;root&gt;/&lt;models--org--name | local--name&gt;/&lt;head&gt;-&lt;key&gt;/model.onnx</c>. The key hashes the
/// builder's version, the head, config.json and each weights file's real path (a cache blob's name is its sha256),
/// size and time, so a changed checkpoint or a newer builder builds again instead of reusing a stale graph.
/// </summary>
internal static class BuiltEncoderModels
{
    /// <summary>True for a folder with no ONNX file that the builder can turn into one.</summary>
    public static bool IsCheckpoint(string path) =>
        Directory.Exists(path) && !LocalModelKinds.HasOnnx(path) && EncoderGraphBuilder.IsCheckpoint(path);

    /// <summary>The built graph of the checkpoint for the head, building it first when it is not kept yet.</summary>
    /// <param name="folder">The checkpoint folder.</param>
    /// <param name="head">The task head.</param>
    /// <param name="root">The folder the built graphs are kept in.</param>
    /// <param name="notice">Told in one line before a build starts, or null.</param>
    /// <returns>The absolute path of the built <c>model.onnx</c>.</returns>
    public static string Ensure(string folder, EncoderHead head, string root, Action<string>? notice)
    {
        var path = PathOf(folder, head, root);
        if (File.Exists(path))
        {
            return path;
        }

        var directory = Path.GetDirectoryName(path)!;
        notice?.Invoke($"Building the ONNX graph of '{folder}' ({Describe(head)}) from its safetensors weights; it is kept in '{directory}' for the next load.");
        try
        {
            Directory.CreateDirectory(directory);
            EncoderGraphBuilder.Build(folder, head, path);
            HubCache.WriteAtomically(Path.Combine(directory, SourceFile), Path.GetFullPath(folder));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException(
                $"The ONNX graph built from '{folder}' cannot be written to '{directory}': {ex.Message.TrimEnd('.')}. "
                + "Free space there, or point HF_HOME (OnnxPipelineOptions.BuiltModelDirectory in code) at a writable folder with room.", ex);
        }

        return path;
    }

    /// <summary>
    /// Removes the built graphs of a Hub repository: all of them, or with <paramref name="snapshotFolder"/> only those
    /// built from that snapshot (each built folder names its checkpoint in <see cref="SourceFile"/>).
    /// </summary>
    /// <returns>True when something was removed.</returns>
    public static bool Remove(string root, string repoId, string? snapshotFolder)
    {
        var group = RepoGroup(root, repoId);
        if (!Directory.Exists(group))
        {
            return false;
        }

        if (snapshotFolder is null)
        {
            Directory.Delete(group, recursive: true);
            return true;
        }

        var removed = false;
        var wanted = Path.GetFullPath(snapshotFolder).TrimEnd(Path.DirectorySeparatorChar);
        foreach (var built in Directory.EnumerateDirectories(group))
        {
            var source = Path.Combine(built, SourceFile);
            if (File.Exists(source) && File.ReadAllText(source).Trim().TrimEnd(Path.DirectorySeparatorChar) == wanted)
            {
                Directory.Delete(built, recursive: true);
                removed = true;
            }
        }

        return removed;
    }

    /// <summary>The built graphs kept for a checkpoint folder: (head, path of model.onnx).</summary>
    public static IReadOnlyList<(EncoderHead Head, string Path)> Kept(string folder, string root) =>
        [.. Enum.GetValues<EncoderHead>().Select(head => (head, PathOf(folder, head, root))).Where(p => File.Exists(p.Item2))];

    /// <summary>The file in each built folder that names the checkpoint folder it was built from.</summary>
    public const string SourceFile = "source.txt";

    /// <summary>Where the built graph of the checkpoint for the head is (or will be) kept.</summary>
    public static string PathOf(string folder, EncoderHead head, string root)
    {
        var full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return Path.Combine(Path.GetFullPath(root), GroupOf(full), $"{Describe(head)}-{Key(full, head)}", "model.onnx");
    }

    /// <summary>The group folder of a Hub repository's built graphs (<c>models--org--name</c>), for removal with the repository.</summary>
    public static string RepoGroup(string root, string repoId) => Path.Combine(Path.GetFullPath(root), CachePaths.FolderName(repoId));

    /// <summary>The weights files of a checkpoint, as the builder reads them: <c>model.safetensors</c>, else the shards its index lists.</summary>
    public static IReadOnlyList<string> WeightFiles(string folder) =>
        File.Exists(Path.Combine(folder, Graph.EncoderWeights.SingleFile))
            ? [Graph.EncoderWeights.SingleFile]
            : Graph.EncoderWeights.ShardNames(folder) is { } shards ? [.. shards.Order(StringComparer.Ordinal)] : [Graph.EncoderWeights.SingleFile];

    /// <summary>The head's folder-name form: <c>base</c>, <c>sequence-classification</c> ...</summary>
    public static string Describe(EncoderHead head) => head switch
    {
        EncoderHead.BaseModel => "base",
        EncoderHead.SequenceClassification => "sequence-classification",
        EncoderHead.TokenClassification => "token-classification",
        EncoderHead.QuestionAnswering => "question-answering",
        EncoderHead.MaskedLM => "masked-lm",
        _ => head.ToString().ToLowerInvariant(),
    };

    /// <summary>A snapshot folder of the Hub cache (<c>.../models--org--name/snapshots/COMMIT</c>) groups under its
    /// repository's folder name; any other folder under <c>local--NAME</c>.</summary>
    private static string GroupOf(string folder)
    {
        var parent = Path.GetDirectoryName(folder);
        var repo = parent is null ? null : Path.GetDirectoryName(parent);
        if (parent is not null && repo is not null && Path.GetFileName(parent) == "snapshots" && Path.GetFileName(repo).StartsWith("models--", StringComparison.Ordinal))
        {
            return Path.GetFileName(repo);
        }

        var name = new string([.. Path.GetFileName(folder).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]);
        return "local--" + (name.Length == 0 ? "model" : name);
    }

    private static string Key(string folder, EncoderHead head)
    {
        var text = new StringBuilder()
            .Append("builder ").Append(EncoderGraphBuilder.Version).Append('\n')
            .Append("head ").Append(head).Append('\n')
            .Append("folder ").Append(folder).Append('\n')
            .Append("config ").Append(File.ReadAllText(Path.Combine(folder, "config.json"))).Append('\n');
        foreach (var name in WeightFiles(folder))
        {
            var file = new FileInfo(Path.Combine(folder, name));
            var real = file.Exists ? file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? file : file;
            text.Append("weights ").Append(name).Append(' ').Append(real.FullName).Append(' ')
                .Append(real.Exists ? real.Length : -1).Append(' ').Append(real.Exists ? real.LastWriteTimeUtc.Ticks : 0).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
