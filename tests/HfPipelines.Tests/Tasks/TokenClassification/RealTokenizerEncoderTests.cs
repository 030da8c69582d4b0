using HfPipelines.Onnx;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using HfPipelines.Testing.OnnxBuilder;
using HfPipelines.Tokenization;

namespace HfPipelines.Tests.Tasks.TokenClassification;

/// <summary>Token classification and question answering with the real bert-base-uncased tokenizer (offsets,
/// sub-words, overflow windows as Hugging Face makes them) over lookup-table models.</summary>
public sealed class RealTokenizerEncoderTests
{
    private const string BertTokenizer = "tokenizers/bert-base-uncased/tokenizer.json";

    private static (HfTokenizer Tokenizer, int Vocab) Bert()
    {
        var tokenizer = HfTokenizer.FromTokenizerJson(TestFixtures.PathOf(BertTokenizer));
        return (tokenizer, tokenizer.VocabularySize);
    }

    [FixtureFact(BertTokenizer)]
    public async Task TokenClassification_RealWordPiece_GroupsEntitiesWithCharacterOffsets()
    {
        var (tokenizer, vocab) = Bert();
        string[] labels = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"];
        var table = new float[vocab, labels.Length];
        for (var i = 0; i < vocab; i++)
        {
            table[i, 0] = 5;
        }

        void Set(string token, int label) => table[tokenizer.TokenToId(token)!.Value, label] = 10;
        Set("john", 1);
        Set("new", 3);
        Set("york", 4);
        var folder = TinyEncoderModels.Folder(TinyEncoderModels.TokenLogits(table), TinyEncoderModels.Config(labels));
        using var pipeline = OnnxPipelines.CreateTokenClassification(folder, tokenizer);

        var entities = await pipeline.RunAsync("John lives in New York.", new TokenClassificationOptions { AggregationStrategy = AggregationStrategy.Simple });

        Assert.Equal([("PER", "john", 0, 4), ("LOC", "new york", 14, 22)], entities.Select(e => (e.EntityGroup!, e.Word, e.Start!.Value, e.End!.Value)));
    }

    [FixtureFact(BertTokenizer)]
    public async Task QuestionAnswering_RealTokenizerLongContext_FindsTheAnswerInItsWindow()
    {
        var (tokenizer, vocab) = Bert();
        var start = new float[vocab];
        var end = new float[vocab];
        start[tokenizer.TokenToId("paris")!.Value] = 6;
        end[tokenizer.TokenToId("france")!.Value] = 6;
        var folder = TinyEncoderModels.Folder(TinyEncoderModels.SpanLogits(start, end), """{"model_type": "bert"}""");
        using var pipeline = OnnxPipelines.CreateQuestionAnswering(folder, tokenizer);
        var filler = string.Concat(Enumerable.Repeat("Some words about other cities and rivers. ", 12));
        var context = filler + "The capital is Paris in France. " + filler;

        var answers = await pipeline.RunAsync(new QuestionAnsweringInput("What is the capital?", context), new QuestionAnsweringOptions { MaxSeqLength = 32, DocStride = 8 });

        var answer = Assert.Single(answers);
        Assert.Equal("Paris in France", answer.Answer);
        Assert.Equal(context.IndexOf("Paris", StringComparison.Ordinal), answer.Start);
    }
}
