using HfPipelines.Onnx;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using HfPipelines.Testing.OnnxBuilder;
using HfPipelines.Tests.Onnx;

namespace HfPipelines.Tests.Tasks.TokenClassification;

public sealed class TokenClassificationPipelineTests
{
    private static readonly string[] Labels = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"];

    // Vocabulary (ids from 5) and the label each token predicts with logit 10 (others 0).
    private static readonly (string Token, int Label)[] Vocabulary =
    [
        ("John", 1), ("Smith", 1), ("lives", 0), ("in", 0), ("New", 3), ("York", 4), ("Jo", 1), ("##hn", 2), ("##son", 0), ("Mary", 2),
    ];

    private static readonly double Top = TestMath.Softmax(10, 0, 0, 0, 0)[0];

    private static IPipeline<string, TokenClassificationOptions, IReadOnlyList<TokenEntity>> Create(OnnxPipelineOptions? options = null, float sonLogit = 10)
    {
        var table = new float[5 + Vocabulary.Length, Labels.Length];
        for (var i = 0; i < Vocabulary.Length; i++)
        {
            table[5 + i, Vocabulary[i].Label] = Vocabulary[i].Token == "##son" ? sonLogit : 10;
        }

        var folder = TinyEncoderModels.Folder(TinyEncoderModels.TokenLogits(table), TinyEncoderModels.Config(Labels));
        return OnnxPipelines.CreateTokenClassification(folder, new FakeWordPieceTokenizer(Vocabulary.Select(v => v.Token)), options);
    }

    [Fact]
    public async Task RunAsync_AggregationNone_ReturnsOneEntityPerTokenWithIndex()
    {
        using var pipeline = Create();

        var entities = await pipeline.RunAsync("John lives in New York");

        Assert.Equal(
            [("B-PER", 1, "John", 0, 4), ("B-LOC", 4, "New", 14, 17), ("I-LOC", 5, "York", 18, 22)],
            entities.Select(e => (e.Entity!, e.Index!.Value, e.Word, e.Start!.Value, e.End!.Value)));
        Assert.All(entities, e => Assert.Equal(Top, e.Score, 5));
    }

    [Fact]
    public async Task RunAsync_AggregationSimple_GroupsBAndIOfOneType()
    {
        using var pipeline = Create();

        var entities = await pipeline.RunAsync("John lives in New York", new TokenClassificationOptions { AggregationStrategy = AggregationStrategy.Simple });

        Assert.Equal([("PER", "John", 0, 4), ("LOC", "New York", 14, 22)], entities.Select(e => (e.EntityGroup!, e.Word, e.Start!.Value, e.End!.Value)));
        Assert.All(entities, e => Assert.Null(e.Entity));
    }

    [Fact]
    public async Task RunAsync_AdjacentBeginTokensOfOneType_StaySeparateButIJoins()
    {
        using var pipeline = Create();

        var entities = await pipeline.RunAsync("John Smith Mary", new TokenClassificationOptions { AggregationStrategy = AggregationStrategy.Simple });

        // B-PER John, B-PER Smith, I-PER Mary: a B starts a new group, an I of the same type continues it.
        Assert.Equal([("PER", "John", 0, 4), ("PER", "Smith Mary", 5, 15)], entities.Select(e => (e.EntityGroup!, e.Word, e.Start!.Value, e.End!.Value)));
    }

    [Fact]
    public async Task RunAsync_SimpleOnSubwords_GroupsTokensNotWords()
    {
        using var pipeline = Create();

        // Johnson = John (B-PER) ##son (O).
        var entities = await pipeline.RunAsync("Johnson lives", new TokenClassificationOptions { AggregationStrategy = AggregationStrategy.Simple });

        Assert.Equal([("PER", "John", 0, 4)], entities.Select(e => (e.EntityGroup!, e.Word, e.Start!.Value, e.End!.Value)));
    }

    [Fact]
    public async Task RunAsync_AggregationFirst_WordTakesFirstSubwordLabel()
    {
        using var pipeline = Create();

        var entities = await pipeline.RunAsync("Johnson lives", new TokenClassificationOptions { AggregationStrategy = AggregationStrategy.First });

        var entity = Assert.Single(entities);
        Assert.Equal(("PER", "Johnson", 0, 7), (entity.EntityGroup!, entity.Word, entity.Start!.Value, entity.End!.Value));
        Assert.Equal(Top, entity.Score, 5);
    }

    [Fact]
    public async Task RunAsync_AggregationMax_WordTakesMostConfidentSubword()
    {
        using var pipeline = Create(sonLogit: 12);

        var entities = await pipeline.RunAsync("Johnson lives", new TokenClassificationOptions { AggregationStrategy = AggregationStrategy.Max });

        // ##son says O with the highest score: the whole word is O and is filtered out.
        Assert.Empty(entities);
    }

    [Fact]
    public async Task RunAsync_AggregationAverage_AveragesSubwordScores()
    {
        using var pipeline = Create();

        var entities = await pipeline.RunAsync("Johnson lives", new TokenClassificationOptions { AggregationStrategy = AggregationStrategy.Average });

        // John (B-PER) + ##son (O): O and B-PER both average (Top + (1 - Top) / 4) / 2, a tie won by the first label (O).
        Assert.Empty(entities);
        var all = await pipeline.RunAsync("Johnson lives", new TokenClassificationOptions { AggregationStrategy = AggregationStrategy.Average, IgnoreLabels = [] });
        // The O word then groups with the O word "lives"; the group score is the mean of the two word scores.
        Assert.Equal(("O", "Johnson lives", 0, 13), (all[0].EntityGroup!, all[0].Word, all[0].Start!.Value, all[0].End!.Value));
        Assert.Equal((((Top + ((1 - Top) / 4)) / 2) + Top) / 2, all[0].Score, 5);
    }

    [Fact]
    public async Task RunAsync_StrideWindows_FindsEntitiesAcrossWindowsOnce()
    {
        using var pipeline = Create(new OnnxPipelineOptions { MaxLength = 6 });
        const string text = "John lives in New York in New York lives Mary";

        var entities = await pipeline.RunAsync(text, new TokenClassificationOptions { AggregationStrategy = AggregationStrategy.Simple, Stride = 2 });

        Assert.Equal(
            [("PER", "John", 0, 4), ("LOC", "New York", 14, 22), ("LOC", "New York", 26, 34), ("PER", "Mary", 41, 45)],
            entities.Select(e => (e.EntityGroup!, e.Word, e.Start!.Value, e.End!.Value)));
    }

    [Fact]
    public async Task RunAsync_StrideWithAggregationNone_ThrowsInvalidInput()
    {
        using var pipeline = Create();

        await Assert.ThrowsAsync<InvalidPipelineInputException>(() => pipeline.RunAsync("John", new TokenClassificationOptions { Stride = 2 }));
    }
}
