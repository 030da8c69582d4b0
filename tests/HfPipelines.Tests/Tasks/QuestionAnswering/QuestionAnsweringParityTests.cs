using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using HfPipelines.Tests.Tasks.Parity;

namespace HfPipelines.Tests.Tasks.QuestionAnswering;

/// <summary>
/// question-answering against transformers.js 4.3.2's pipeline (transformers 5 has none) on a random BERT
/// (pyoracle/question-answering); its outputs are in Parity/transformersjs-qa.json. transformers.js has no
/// max_answer_len, no windows and no align_to_words and returns the decoded tokens, so ours runs with
/// max_answer_len 512 and align_to_words false, and answers are compared without case and spaces (docs/parity.md).
/// </summary>
public sealed partial class QuestionAnsweringParityTests
{
    private static readonly string Reference = Path.Combine(AppContext.BaseDirectory, "Tasks", "QuestionAnswering", "Parity", "transformersjs-qa.json");
    private static readonly Lazy<JsonArray> Cases = new(() => JsonNode.Parse(File.ReadAllText(Reference))!["cases"]!.AsArray());

    public static IEnumerable<object[]> Items() => Enumerable.Range(0, Cases.Value.Count).Select(i => new object[] { i });

    [FixtureTheory("pyoracle/question-answering")]
    [MemberData(nameof(Items))]
    public async Task RunAsync_ShortContext_SameSpansAndScoresAsTransformersJs(int index)
    {
        var item = Cases.Value[index]!;
        using var provider = PyOracle.Provider();
        var pipeline = await provider.GetQuestionAnsweringAsync(PyOracle.Folder("question-answering"));
        var options = new QuestionAnsweringOptions { TopK = (int)item["top_k"]!, MaxAnswerLength = 512, AlignToWords = false };

        var answers = await pipeline.RunAsync(new QuestionAnsweringInput((string)item["question"]!, (string)item["context"]!), options);

        var want = item["output"]!.AsArray();
        Assert.Equal(want.Select(w => Squash((string)w!["answer"]!)), answers.Select(a => Squash(a.Answer)));
        Assert.Equal(want.Select(w => (double)w!["score"]!), answers.Select(a => (double)a.Score), (x, y) => Math.Abs(x - y) < 1e-6);
    }

    [FixtureFact("pyoracle/question-answering")]
    public async Task RunAsync_PythonDefaults_AnswersAtMost15TokensUnlikeTransformersJs()
    {
        static bool Long(JsonNode? answer) => ((string)answer!["answer"]!).Split(' ').Length > 15;
        var item = Cases.Value.First(c => c!["output"]!.AsArray().Any(Long))!;
        using var provider = PyOracle.Provider();
        var pipeline = await provider.GetQuestionAnsweringAsync(PyOracle.Folder("question-answering"));

        var answers = await pipeline.RunAsync(new QuestionAnsweringInput((string)item["question"]!, (string)item["context"]!), new QuestionAnsweringOptions { TopK = (int)item["top_k"]! });

        Assert.Equal(item["output"]!.AsArray().Count, answers.Count);
        Assert.All(answers, a => Assert.True(a.Answer.Split(' ').Length <= 15, a.Answer));
    }

    private static string Squash(string text) => Spaces().Replace(text.ToLowerInvariant(), string.Empty);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
