using HfPipelines.Onnx;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using HfPipelines.Testing.OnnxBuilder;
using HfPipelines.Tests.Onnx;

namespace HfPipelines.Tests.Tasks.QuestionAnswering;

public sealed class QuestionAnsweringPipelineTests
{
    // ids from 5: capital ? the is Paris in France ##ian
    private static readonly string[] Vocabulary = ["capital", "?", "the", "is", "Paris", "in", "France", "##ian"];
    private const string Context = "the capital is Paris in France";

    private static IPipeline<QuestionAnsweringInput, QuestionAnsweringOptions, IReadOnlyList<QuestionAnsweringResult>> Create(float clsLogit = 0)
    {
        var start = new float[13];
        var end = new float[13];
        start[2] = end[2] = clsLogit;
        (start[9], end[9]) = (4, 3);   // Paris
        (start[11], end[11]) = (2, 4); // France
        var folder = TinyEncoderModels.Folder(TinyEncoderModels.SpanLogits(start, end), """{"model_type": "bert"}""");
        return OnnxPipelines.CreateQuestionAnswering(folder, new FakeWordPieceTokenizer(Vocabulary));
    }

    [Fact]
    public async Task RunAsync_TopTwo_ScoresSpansByStartTimesEndProbability()
    {
        using var pipeline = Create();

        var answers = await pipeline.RunAsync(new QuestionAnsweringInput("capital ?", Context), new QuestionAnsweringOptions { TopK = 2 });

        // Context tokens (and CLS) take part in the softmax: CLS the capital is Paris in France.
        var start = TestMath.Softmax(0, 0, 0, 0, 4, 0, 2);
        var end = TestMath.Softmax(0, 0, 0, 0, 3, 0, 4);
        Assert.Equal([("Paris in France", 15, 30), ("Paris", 15, 20)], answers.Select(a => (a.Answer, a.Start, a.End)));
        Assert.Equal(start[4] * end[6], answers[0].Score, 5);
        Assert.Equal(start[4] * end[4], answers[1].Score, 5);
    }

    [Fact]
    public async Task RunAsync_HandleImpossibleAnswer_ReturnsEmptyAnswerWhenClsWins()
    {
        using var pipeline = Create(clsLogit: 10);

        var answers = await pipeline.RunAsync(new QuestionAnsweringInput("capital ?", Context), new QuestionAnsweringOptions { HandleImpossibleAnswer = true });

        var answer = Assert.Single(answers);
        Assert.Equal((string.Empty, 0, 0), (answer.Answer, answer.Start, answer.End));
        Assert.Equal(TestMath.Softmax(10, 0, 0, 0, 4, 0, 2)[0] * TestMath.Softmax(10, 0, 0, 0, 3, 0, 4)[0], answer.Score, 5);
    }

    [Fact]
    public async Task RunAsync_LongContext_SplitsIntoWindowsAndMapsOffsetsToTheContext()
    {
        using var pipeline = Create();
        const string context = "the capital is the capital is Paris in France";

        var answers = await pipeline.RunAsync(new QuestionAnsweringInput("capital ?", context), new QuestionAnsweringOptions { TopK = 2, MaxSeqLength = 10, DocStride = 2 });

        // Windows of five context tokens overlapping by two: "... the capital is Paris in" gives Paris alone,
        // "Paris in France" gives Paris in France.
        Assert.Equal([("Paris", 30, 35), ("Paris in France", 30, 45)], answers.Select(a => (a.Answer, a.Start, a.End)));
        Assert.Equal(TestMath.Softmax(0, 0, 0, 0, 4, 0)[4] * TestMath.Softmax(0, 0, 0, 0, 3, 0)[4], answers[0].Score, 5);
        Assert.Equal(TestMath.Softmax(0, 4, 0, 2)[1] * TestMath.Softmax(0, 3, 0, 4)[3], answers[1].Score, 5);
    }

    [Theory]
    [InlineData(true, "Parisian")]
    [InlineData(false, "Paris")]
    public async Task RunAsync_SubwordAnswer_AlignsToWholeWordsWhenAsked(bool align, string expected)
    {
        using var pipeline = Create();

        var answers = await pipeline.RunAsync(new QuestionAnsweringInput("capital ?", "Parisian is the capital"), new QuestionAnsweringOptions { AlignToWords = align });

        Assert.Equal((expected, 0), (answers[0].Answer, answers[0].Start));
    }

    [Fact]
    public async Task RunAsync_QuestionTooLongForTheWindow_ThrowsInvalidInput()
    {
        using var pipeline = Create();

        var error = await Assert.ThrowsAsync<InvalidPipelineInputException>(() =>
            pipeline.RunAsync(new QuestionAnsweringInput("capital capital capital capital capital ?", Context), new QuestionAnsweringOptions { MaxSeqLength = 10, DocStride = 1 }));

        Assert.Contains("question", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EmptyContext_ThrowsInvalidInput()
    {
        using var pipeline = Create();

        await Assert.ThrowsAsync<InvalidPipelineInputException>(() => pipeline.RunAsync(new QuestionAnsweringInput("capital ?", " ")));
    }
}
