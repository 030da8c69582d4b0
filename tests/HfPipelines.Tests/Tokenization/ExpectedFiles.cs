using System.Text.Json;

namespace HfPipelines.Tests.Tokenization;

/// <summary>Reads the transformers.js expected outputs written by scripts/parity/tokenizers/generate.mjs.</summary>
internal static class ExpectedFiles
{
    private static readonly Lazy<string> s_folder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "HfPipelines.Tests", "Tokenization", "Expected");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            candidate = Path.Combine(dir.FullName, "Tokenization", "Expected");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/HfPipelines.Tests/Tokenization/Expected not found above the test binaries.");
    });

    public static string[] Corpus() =>
        JsonSerializer.Deserialize<string[]>(File.ReadAllText(Path.Combine(s_folder.Value, "corpus.json")))!;

    public static ExpectedTokenizer Load(string name) =>
        JsonSerializer.Deserialize<ExpectedTokenizer>(File.ReadAllText(Path.Combine(s_folder.Value, name + ".json")), s_options)!;

    private static readonly JsonSerializerOptions s_options = new() { PropertyNameCaseInsensitive = true };
}

internal sealed class ExpectedTokenizer
{
    public string Tokenizer { get; set; } = "";

    public List<ExpectedCase> Cases { get; set; } = [];

    public List<ExpectedPair> Pairs { get; set; } = [];
}

internal sealed class ExpectedCase
{
    public int[] Ids { get; set; } = [];

    /// <summary>The decode without special tokens; null when it equals the input text.</summary>
    public string? Decoded { get; set; }

    /// <summary>The decode with special tokens kept, when it differs from <see cref="Decoded"/>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("decoded_all")]
    public string? DecodedAll { get; set; }
}

internal sealed class ExpectedPair
{
    public int A { get; set; }

    public int B { get; set; }

    public int[] Ids { get; set; } = [];

    [System.Text.Json.Serialization.JsonPropertyName("type_ids")]
    public int[]? TypeIds { get; set; }
}
