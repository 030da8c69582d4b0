using HfPipelines.Testing;
using Xunit.Abstractions;

namespace HfPipelines.Tests.ChatTemplates;

/// <summary>Byte-for-byte parity with @huggingface/jinja over the real Hub templates of the fixtures.</summary>
public sealed class ChatTemplateParityTests
{
    private readonly ITestOutputHelper _output;

    public ChatTemplateParityTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> Templates() => new(ParityCorpus.TemplateIds());

    [FixtureTheory("chat-templates", "tokenizers")]
    [MemberData(nameof(Templates))]
    public void Render_FixtureTemplate_MatchesHuggingFaceJinja(string templateId)
    {
        var results = ParityCorpus.Run(templateId);
        foreach (var (_, _, detail) in results.Where(r => !r.Match).Take(3))
        {
            _output.WriteLine(detail);
        }

        Assert.Equal(results.Count, results.Count(r => r.Match));
    }

    [FixtureFact("chat-templates", "tokenizers")]
    public void Render_AllFixtureCases_CountOfMatchesIsAll()
    {
        var all = ParityCorpus.TemplateIds().SelectMany(ParityCorpus.Run).ToList();
        var errors = all.Count(r => r.Detail.Contains("expected error", StringComparison.Ordinal));
        _output.WriteLine($"{all.Count(r => r.Match)} of {all.Count} cases match ({errors} are expected errors)");

        Assert.Equal(2832, all.Count);
        Assert.Equal(2832, all.Count(r => r.Match));
    }
}
