using System.Runtime.CompilerServices;
using System.Text.Json;

namespace HfPipelines.Tests.Onnx;

/// <summary>The transformers.js expected outputs stored beside this file (made by scripts/parity/encoders/generate.mjs).</summary>
internal static class ParityData
{
    public static JsonDocument Read(string name) => JsonDocument.Parse(File.ReadAllText(PathOf(name)));

    private static string PathOf(string name, [CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "TestData", name);
}
