using System.Text.Json.Nodes;
using HfPipelines.ChatTemplates;
using HfPipelines.Testing;
using Microsoft.Extensions.Time.Testing;

namespace HfPipelines.Tests.ChatTemplates;

/// <summary>
/// The renders of @huggingface/jinja stored under Expected/ (made by scripts/parity/chat-templates/generate.mjs)
/// and our renders of the same fixture templates, case by case.
/// </summary>
internal static class ParityCorpus
{
    /// <summary>The instant generate.mjs fixes <c>new Date()</c> to (UTC).</summary>
    public static readonly DateTimeOffset FixedNow = new(2025, 3, 14, 9, 5, 0, TimeSpan.Zero);

    private static readonly Lazy<string> s_expectedDir = new(FindExpectedDir);

    public static string ExpectedDir => s_expectedDir.Value;

    /// <summary>The template ids (expected file names without extension).</summary>
    public static IEnumerable<string> TemplateIds() =>
        Directory.GetFiles(ExpectedDir, "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => n is not null && !n.StartsWith('_'))
            .Order(StringComparer.Ordinal)!;

    /// <summary>Renders every case of one template; returns (case key, matched, detail of a mismatch).</summary>
    public static List<(string Case, bool Match, string Detail)> Run(string templateId)
    {
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(ExpectedDir, templateId + ".json")))!.AsObject();
        var cases = JsonNode.Parse(File.ReadAllText(Path.Combine(ExpectedDir, "_cases.json")))!.AsObject();
        var fixture = doc["fixture"]!.GetValue<string>();
        var template = doc["folder"]!.GetValue<bool>()
            ? ChatTemplate.FromModelFolder(TestFixtures.PathOf(fixture))
            : ChatTemplate.Parse(File.ReadAllText(TestFixtures.PathOf(fixture)));
        var results = new List<(string, bool, string)>();
        foreach (var (key, expected) in doc["results"]!.AsObject())
        {
            var parts = key.Split('|');
            var conversation = cases["conversations"]![parts[0]]!;
            var options = new ChatTemplateOptions
            {
                AddGenerationPrompt = parts[1] == "gen",
                Tools = conversation["tools"] is not { } tools ? null
                    : cases[tools.GetValueKind() == System.Text.Json.JsonValueKind.True ? "tools" : tools.GetValue<string>()]!.DeepClone().AsArray(),
                TimeProvider = new FakeTimeProvider(FixedNow),
            };
            var variables = doc["variables"]!.AsObject().Concat(conversation["variables"]?.AsObject() ?? []);
            foreach (var (name, value) in variables)
            {
                options.Variables[name] = value?.DeepClone();
            }

            results.Add(Compare(key, template, conversation["messages"]!.DeepClone().AsArray(), options, expected!));
        }

        return results;
    }

    private static (string, bool, string) Compare(string key, ChatTemplate template, JsonArray messages, ChatTemplateOptions options, JsonNode expected)
    {
        string? actual = null;
        string? error = null;
        string? raised = null;
        try
        {
            actual = template.Render(messages, options);
        }
        catch (ChatTemplateException ex)
        {
            error = ex.Message;
            raised = ex.TemplateMessage;
        }

        if (expected["error"] is { } expectedError)
        {
            var same = error is not null && (raised is null || raised == expectedError.GetValue<string>());
            return (key, same, $"{key}: expected error '{expectedError}', got {(error is null ? "output " + Quote(actual) : "error " + error)}");
        }

        var want = expected["output"]!.GetValue<string>();
        return (key, actual == want, $"{key}: expected {Quote(want)}\n got {(error is null ? Quote(actual) : "error " + error)}");
    }

    private static string Quote(string? s) => s is null ? "null" : System.Text.Json.JsonSerializer.Serialize(s);

    private static string FindExpectedDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "HfPipelines.Tests", "ChatTemplates", "Expected");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            candidate = Path.Combine(dir.FullName, "ChatTemplates", "Expected");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(candidate, "_cases.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/HfPipelines.Tests/ChatTemplates/Expected not found above " + AppContext.BaseDirectory);
    }
}
