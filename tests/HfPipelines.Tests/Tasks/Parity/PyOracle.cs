using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Hub;
using HfPipelines.Pipelines;
using HfPipelines.Testing;
using HfPipelines.Composition;

namespace HfPipelines.Tests.Tasks.Parity;

/// <summary>
/// The Python oracle set (<c>pyoracle/</c> in the fixtures): tiny random models of real architectures with what
/// transformers 5.17 returned for them in <c>expected.json</c>. The parity theories of each task read their cases here,
/// run the library on the same folder and compare as <c>pyoracle/compare.py</c> does: every key Python returned must be
/// in ours, strings and integers equal, numbers within a tolerance.
/// </summary>
internal static class PyOracle
{
    /// <summary>The fixture every parity theory needs.</summary>
    public const string Expected = "pyoracle/expected.json";

    private static readonly Lazy<JsonObject?> s_cases = new(() => TestFixtures.Exists(Expected)
        ? JsonNode.Parse(File.ReadAllText(TestFixtures.PathOf(Expected)))!["cases"]!.AsObject()
        : null);

    /// <summary>The cases of one key of expected.json (e.g. <c>token-classification</c>), or null when the fixture is absent.</summary>
    public static JsonObject? Case(string key) => s_cases.Value?[key]?.AsObject();

    /// <summary>The folder of an oracle model.</summary>
    public static string Folder(string name) => TestFixtures.PathOf(Path.Combine("pyoracle", name));

    /// <summary>A file of the shared media (images, audio).</summary>
    public static string Media(string relative) => TestFixtures.PathOf(relative);

    /// <summary>Theory rows 0..n-1 for the items of a case (none when the fixture is absent: the theory skips then).</summary>
    public static IEnumerable<object[]> Indices(Func<JsonObject, int> count, string key) =>
        Case(key) is { } c ? Enumerable.Range(0, count(c)).Select(i => new object[] { i }) : [];

    /// <summary>An offline provider (no Hub) for local folders; dispose it.</summary>
    public static PipelineProvider Provider() =>
        Pipeline.CreateProvider(HubOptions.FromVariables(n => n switch { "HF_HOME" => Path.GetTempPath(), "HF_HUB_OFFLINE" => "1", _ => null }));

    /// <summary>Asserts that <paramref name="got"/>, serialised as the CLI's <c>--json</c> prints it, holds <paramref name="want"/>.</summary>
    public static void AssertClose(JsonNode? want, object? got, double tolerance = 1e-4)
    {
        var actual = got as JsonNode ?? JsonSerializer.SerializeToNode(got);
        var difference = Difference(want, actual, tolerance, "$");
        Assert.True(difference is null, $"{difference}\n want {want?.ToJsonString()}\n got  {actual?.ToJsonString()}");
    }

    /// <summary>Whether <paramref name="got"/> holds <paramref name="want"/> as <see cref="AssertClose"/> checks it (for a documented difference: asserts that it is still there).</summary>
    public static bool IsClose(JsonNode? want, object? got, double tolerance = 1e-4) =>
        Difference(want, got as JsonNode ?? JsonSerializer.SerializeToNode(got), tolerance, "$") is null;

    private static string? Difference(JsonNode? want, JsonNode? got, double tolerance, string path)
    {
        switch (want)
        {
            case JsonObject w:
                if (got is not JsonObject g)
                {
                    return $"{path}: want an object";
                }

                return w.Select(p => g.ContainsKey(p.Key) ? Difference(p.Value, g[p.Key], tolerance, $"{path}.{p.Key}") : $"{path}.{p.Key}: missing").FirstOrDefault(d => d is not null);
            case JsonArray w:
                if (got is not JsonArray ga || ga.Count != w.Count)
                {
                    return $"{path}: want {w.Count} items, got {(got as JsonArray)?.Count.ToString(CultureInfo.InvariantCulture) ?? "no list"}";
                }

                return w.Select((x, i) => Difference(x, ga[i], tolerance, $"{path}[{i}]")).FirstOrDefault(d => d is not null);
            case JsonValue w when w.GetValueKind() == JsonValueKind.Number && w.ToJsonString().Contains('.', StringComparison.Ordinal):
                return got is JsonValue gv && gv.GetValueKind() == JsonValueKind.Number && Math.Abs(w.GetValue<double>() - gv.GetValue<double>()) <= tolerance
                    ? null : $"{path}: want {w.ToJsonString()}, got {got?.ToJsonString()}";
            default:
                return JsonNode.DeepEquals(want, got) || (want is JsonValue a && got is JsonValue b && a.GetValueKind() == JsonValueKind.Number
                    && b.GetValueKind() == JsonValueKind.Number && a.GetValue<double>() == b.GetValue<double>())
                    ? null : $"{path}: want {want?.ToJsonString() ?? "null"}, got {got?.ToJsonString() ?? "null"}";
        }
    }
}
