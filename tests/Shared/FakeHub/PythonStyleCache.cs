using System.Text;

namespace HfPipelines.Testing.FakeHub;

/// <summary>Writes a model cache by hand exactly as Python huggingface_hub lays it out (to test that we read it).</summary>
internal static class PythonStyleCache
{
    /// <summary>The commit of every repo <see cref="Write"/> creates.</summary>
    public const string Commit = "0123456789abcdef0123456789abcdef01234567";

    public const string ConfigEtag = "5f2b0c0b6a1d8a5e3b2f0e3c8e2d9a1b7c6d5e4f";

    public static readonly string OnnxEtag = new('a', 64);

    /// <summary>
    /// Creates <c>models--org--name</c> with <c>blobs/</c> (config.json <c>{"a":1}</c>, onnx/model.onnx <c>onnx-bytes</c>),
    /// <c>refs/main</c> and <c>snapshots/&lt;commit&gt;/</c> holding relative symlinks into the blobs.
    /// </summary>
    /// <returns>The repository folder.</returns>
    public static string Write(string cache, string repoId)
    {
        var repo = Path.Combine(cache, "models--" + repoId.Replace("/", "--", StringComparison.Ordinal));
        Directory.CreateDirectory(Path.Combine(repo, "blobs"));
        Directory.CreateDirectory(Path.Combine(repo, "refs"));
        Directory.CreateDirectory(Path.Combine(repo, "snapshots", Commit, "onnx"));
        File.WriteAllText(Path.Combine(repo, "blobs", ConfigEtag), "{\"a\":1}", Encoding.ASCII);
        File.WriteAllText(Path.Combine(repo, "blobs", OnnxEtag), "onnx-bytes", Encoding.ASCII);
        File.WriteAllText(Path.Combine(repo, "refs", "main"), Commit);
        File.CreateSymbolicLink(Path.Combine(repo, "snapshots", Commit, "config.json"), "../../blobs/" + ConfigEtag);
        File.CreateSymbolicLink(Path.Combine(repo, "snapshots", Commit, "onnx", "model.onnx"), "../../../blobs/" + OnnxEtag);
        return repo;
    }
}
