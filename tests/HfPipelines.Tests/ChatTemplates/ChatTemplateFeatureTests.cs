using System.Text.Json.Nodes;
using HfPipelines.ChatTemplates;
using Microsoft.Extensions.Time.Testing;

namespace HfPipelines.Tests.ChatTemplates;

/// <summary>
/// One engine feature per snippet (operators, filters, tests, loops, macros, whitespace control, errors), each
/// compared byte for byte with @huggingface/jinja's render stored in Expected/_features.json.
/// </summary>
public sealed class ChatTemplateFeatureTests
{
    private static readonly Lazy<Dictionary<string, JsonObject>> s_features = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(ParityCorpus.ExpectedDir, "_features.json")))!.AsArray()
            .Select(n => n!.AsObject())
            .ToDictionary(n => n["id"]!.GetValue<string>(), StringComparer.Ordinal));

    public static TheoryData<string> FeatureIds() => new(s_features.Value.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(FeatureIds))]
    public void Render_FeatureSnippet_MatchesHuggingFaceJinja(string featureId)
    {
        var feature = s_features.Value[featureId];
        var options = new ChatTemplateOptions { TimeProvider = new FakeTimeProvider(ParityCorpus.FixedNow) };
        var messages = new JsonArray();
        foreach (var (name, value) in feature["variables"]!.AsObject())
        {
            if (name == "messages")
            {
                messages = value!.DeepClone().AsArray();
            }
            else
            {
                options.Variables[name] = value?.DeepClone();
            }
        }

        var source = feature["template"]!.GetValue<string>();
        if (feature["error"] is not null)
        {
            var ex = Assert.Throws<ChatTemplateException>(() => ChatTemplate.Parse(source).Render(messages, options));
            if (ex.TemplateMessage is not null)
            {
                Assert.Equal(feature["error"]!.GetValue<string>(), ex.TemplateMessage);
            }

            return;
        }

        Assert.Equal(feature["output"]!.GetValue<string>(), ChatTemplate.Parse(source).Render(messages, options));
    }
}
