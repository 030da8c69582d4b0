using System.Text.Json;
using HfPipelines.Onnx;
using HfPipelines.Safetensors;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using HfPipelines.Testing.Safetensors;
using HfPipelines.Tests.Tasks.Parity;
using Xunit.Abstractions;

namespace HfPipelines.Tests.Safetensors;

/// <summary>
/// Every head against PyTorch: the pyoracle BERT exports (text classification, zero-shot NLI, NER, question
/// answering, fill-mask) are turned back into safetensors checkpoints (<see cref="ExportedStateDict"/>; the masked-LM
/// decoder left out, so it is tied to the word embeddings as transformers saves it), built with our builder, and
/// compared with the export's own outputs, and through the pipelines with the export's and with transformers' results.
/// </summary>
public sealed class EncoderGraphBuilderHeadTests(ITestOutputHelper output) : IDisposable
{
    private const double Tolerance = 1e-4;
    private static readonly long[][] s_batch = [[101, 7592, 2088, 999, 102, 0, 0], [101, 2023, 2003, 1037, 103, 2742, 102]];
    private readonly string _dir = Directory.CreateTempSubdirectory("hfp-heads-").FullName;

    public static IEnumerable<object[]> Heads() =>
    [
        ["text-classification", EncoderHead.SequenceClassification],
        ["zero-shot", EncoderHead.SequenceClassification],
        ["ner", EncoderHead.TokenClassification],
        ["question-answering", EncoderHead.QuestionAnswering],
        ["fill-mask", EncoderHead.MaskedLM],
    ];

    [FixtureTheory(PyOracle.Expected)]
    [MemberData(nameof(Heads))]
    public void Build_CheckpointOfExport_SameOutputsAsTheExport(string fixture, EncoderHead head)
    {
        var folder = Checkpoint(fixture);
        var model = SafetensorsOracle.Build(folder, head, _dir);

        var ours = SafetensorsOracle.Run(model, s_batch, pad: 0);
        var theirs = SafetensorsOracle.Run(Path.Combine(PyOracle.Folder(fixture), "onnx", "model.onnx"), s_batch, pad: 0);

        Assert.Equal(theirs.Keys.Order(), ours.Keys.Order());
        foreach (var (name, (values, dims)) in theirs)
        {
            Assert.Equal(dims, ours[name].Dims);
            var difference = SafetensorsOracle.MaxDifference(values, ours[name].Values);
            output.WriteLine($"{fixture} {name}: max difference {difference:E2}");
            Assert.InRange(difference, 0, Tolerance);
        }
    }

    [FixtureFact(PyOracle.Expected)]
    public async Task CreateFillMask_BuiltFromCheckpoint_PredictionsAsTransformers()
    {
        var item = PyOracle.Case("fill-mask")!["items"]![1]!;
        var folder = Checkpoint("fill-mask");
        using var pipeline = OnnxPipelines.CreateFillMask(folder, new OnnxPipelineOptions { ModelFile = SafetensorsOracle.Build(folder, EncoderHead.MaskedLM, _dir) });

        var masks = await pipeline.RunAsync((string)item["text"]!, new FillMaskOptions { TopK = (int)item["top_k"]! });

        PyOracle.AssertClose(item["output"], masks[0]);
    }

    [FixtureFact(PyOracle.Expected)]
    public async Task CreateTextClassification_BuiltFromCheckpoint_LabelsAsTransformers()
    {
        var oracle = PyOracle.Case("text-classification")!;
        var item = oracle["items"]![0]!;
        var folder = Checkpoint((string)oracle["model"]!);
        using var pipeline = OnnxPipelines.CreateTextClassification(folder, new OnnxPipelineOptions { ModelFile = SafetensorsOracle.Build(folder, EncoderHead.SequenceClassification, _dir) });
        var parameters = item["params"]!.AsObject();
        var options = new TextClassificationOptions { TopK = parameters.ContainsKey("top_k") ? (int?)parameters["top_k"] ?? 0 : null };

        var labels = await pipeline.RunAsync((string)item["texts"]![0]!, options);

        var want = item["output"]![0]!;
        PyOracle.AssertClose(want is System.Text.Json.Nodes.JsonArray ? want : new System.Text.Json.Nodes.JsonArray(want.DeepClone()), labels);
    }

    [FixtureFact(PyOracle.Expected)]
    public async Task CreateTokenClassification_BuiltFromCheckpoint_EntitiesAsTheExport()
    {
        var text = (string)PyOracle.Case("token-classification")!["texts"]![1]!;
        var folder = Checkpoint("ner");
        using var ours = OnnxPipelines.CreateTokenClassification(folder, new OnnxPipelineOptions { ModelFile = SafetensorsOracle.Build(folder, EncoderHead.TokenClassification, _dir) });
        using var export = OnnxPipelines.CreateTokenClassification(PyOracle.Folder("ner"));

        var want = await export.RunAsync(text, new TokenClassificationOptions());
        var got = await ours.RunAsync(text, new TokenClassificationOptions());

        Assert.NotEmpty(want);
        PyOracle.AssertClose(JsonSerializer.SerializeToNode(want), got);
    }

    [FixtureFact(PyOracle.Expected)]
    public async Task CreateQuestionAnswering_BuiltFromCheckpoint_AnswersAsTheExport()
    {
        var input = new QuestionAnsweringInput("Where do I live?", "My name is Wolfgang and I live in Berlin. It is a city in Germany.");
        var folder = Checkpoint("question-answering");
        using var ours = OnnxPipelines.CreateQuestionAnswering(folder, new OnnxPipelineOptions { ModelFile = SafetensorsOracle.Build(folder, EncoderHead.QuestionAnswering, _dir) });
        using var export = OnnxPipelines.CreateQuestionAnswering(PyOracle.Folder("question-answering"));

        var want = await export.RunAsync(input, new QuestionAnsweringOptions { TopK = 3 });
        var got = await ours.RunAsync(input, new QuestionAnsweringOptions { TopK = 3 });

        Assert.Equal(3, want.Count);
        PyOracle.AssertClose(JsonSerializer.SerializeToNode(want), got);
    }

    /// <summary>A checkpoint folder with the fixture's config and tokenizer and the export's weights as model.safetensors.</summary>
    private string Checkpoint(string fixture)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir, fixture)).FullName;
        foreach (var file in Directory.GetFiles(PyOracle.Folder(fixture)))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var state = ExportedStateDict.Read(Path.Combine(PyOracle.Folder(fixture), "onnx", "model.onnx"));
        state.Remove("cls.predictions.decoder.weight");
        SafetensorsWriter.Write(Path.Combine(folder, "model.safetensors"), state);
        return folder;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
