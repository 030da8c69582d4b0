using System.Text.Json.Nodes;
using HfPipelines.Safetensors;
using HfPipelines.Testing;
using HfPipelines.Testing.Safetensors;
using Microsoft.ML.OnnxRuntime;

namespace HfPipelines.Tests.Safetensors;

/// <summary>The builder on variants of the transformers-saved checkpoints: xlm-roberta, F16/BF16, shards, damaged or mismatched checkpoints, cancellation.</summary>
public sealed class EncoderGraphBuilderTests : IDisposable
{
    private const string Bert = "pyoracle-safetensors/bert-safetensors";
    private const string Roberta = "pyoracle-safetensors/roberta-safetensors";
    private readonly string _dir = Directory.CreateTempSubdirectory("hfp-builder-").FullName;

    [FixtureFact(SafetensorsOracle.Expected)]
    public void Build_XlmRobertaModelType_NoTokenTypesAndHiddenStatesAsTransformers()
    {
        var folder = Copy(Roberta, "xlmr");
        SafetensorsWriter.EditConfig(folder, c => c["model_type"] = "xlm-roberta");
        var model = SafetensorsOracle.Build(folder, EncoderHead.BaseModel, _dir);

        var expected = SafetensorsOracle.Case("roberta-safetensors")!;
        var got = SafetensorsOracle.Run(model, SafetensorsOracle.Ids(expected["input_ids"]!), pad: 1)["last_hidden_state"].Values;

        using var session = new InferenceSession(model);
        Assert.Equal(["input_ids", "attention_mask"], session.InputMetadata.Keys);
        Assert.InRange(SafetensorsOracle.MaxDifference(SafetensorsOracle.Flat(expected["last_hidden_state_padded"]!), got), 0, 1e-4);
    }

    [FixtureTheory(SafetensorsOracle.Expected)]
    [InlineData("F16")]
    [InlineData("BF16")]
    public void Build_HalfPrecisionWeights_SameAsFloat32OfTheRoundedValues(string dtype)
    {
        var state = SafetensorsWriter.ReadAll(Path.Combine(TestFixtures.PathOf(Bert), "model.safetensors"));
        var rounded = state.ToDictionary(p => p.Key, p => (p.Value.Shape, p.Value.Values.Select(v => Round(v, dtype)).ToArray()));
        var half = Copy(Bert, dtype, weights: false);
        var reference = Copy(Bert, "f32-" + dtype, weights: false);
        SafetensorsWriter.Write(Path.Combine(half, "model.safetensors"), state, dtype);
        SafetensorsWriter.Write(Path.Combine(reference, "model.safetensors"), rounded);
        var expected = SafetensorsOracle.Case("bert-safetensors")!;
        var ids = SafetensorsOracle.Ids(expected["input_ids"]!);

        var got = SafetensorsOracle.Run(SafetensorsOracle.Build(half, EncoderHead.BaseModel, _dir, dtype + ".onnx"), ids, 0)["last_hidden_state"].Values;
        var want = SafetensorsOracle.Run(SafetensorsOracle.Build(reference, EncoderHead.BaseModel, _dir, "f32.onnx"), ids, 0)["last_hidden_state"].Values;

        Assert.Equal(want, got);
        Assert.InRange(SafetensorsOracle.MaxDifference(SafetensorsOracle.Flat(expected["last_hidden_state_padded"]!), got), 1e-6, dtype == "F16" ? 0.05 : 0.2);
    }

    [FixtureFact(SafetensorsOracle.Expected)]
    public void Build_ShardedCheckpoint_HiddenStatesAsTransformers()
    {
        var folder = Copy(Bert, "sharded", weights: false);
        var state = SafetensorsWriter.ReadAll(Path.Combine(TestFixtures.PathOf(Bert), "model.safetensors"));
        var shards = state.Keys.Order(StringComparer.Ordinal).Select((name, i) => (name, file: i % 2 == 0 ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors")).ToList();
        foreach (var group in shards.GroupBy(s => s.file))
        {
            SafetensorsWriter.Write(Path.Combine(folder, group.Key), group.ToDictionary(s => s.name, s => state[s.name]));
        }

        var map = new JsonObject();
        shards.ForEach(s => map[s.name] = s.file);
        File.WriteAllText(Path.Combine(folder, "model.safetensors.index.json"), new JsonObject { ["metadata"] = new JsonObject(), ["weight_map"] = map }.ToJsonString());
        var expected = SafetensorsOracle.Case("bert-safetensors")!;

        Assert.True(EncoderGraphBuilder.IsCheckpoint(folder));
        var got = SafetensorsOracle.Run(SafetensorsOracle.Build(folder, EncoderHead.BaseModel, _dir), SafetensorsOracle.Ids(expected["input_ids"]!), 0)["last_hidden_state"].Values;
        Assert.InRange(SafetensorsOracle.MaxDifference(SafetensorsOracle.Flat(expected["last_hidden_state_padded"]!), got), 0, 1e-4);

        File.Delete(Path.Combine(folder, "model-00002-of-00002.safetensors"));
        Assert.False(EncoderGraphBuilder.IsCheckpoint(folder));
    }

    [FixtureFact(Bert)]
    public void IsCheckpoint_Folders_TrueOnlyForSupportedSafetensorsCheckpoints()
    {
        var gpt2 = Copy(Bert, "gpt2");
        SafetensorsWriter.EditConfig(gpt2, c => c["model_type"] = "gpt2");

        Assert.True(EncoderGraphBuilder.IsCheckpoint(TestFixtures.PathOf(Bert)));
        Assert.True(EncoderGraphBuilder.IsCheckpoint(TestFixtures.PathOf("pyoracle-safetensors/distilbert-safetensors")));
        Assert.False(EncoderGraphBuilder.IsCheckpoint(gpt2));
        Assert.False(EncoderGraphBuilder.IsCheckpoint(Copy(Bert, "no-weights", weights: false)));
        Assert.False(EncoderGraphBuilder.IsCheckpoint(Path.Combine(_dir, "absent")));
    }

    [FixtureFact(Bert)]
    public void Build_BareModelAskedForClassification_ThrowsNamingTheMissingHead()
    {
        var output = Path.Combine(_dir, "out", "model.onnx");

        var error = Assert.Throws<ModelLoadException>(() => EncoderGraphBuilder.Build(TestFixtures.PathOf(Bert), EncoderHead.SequenceClassification, output));

        Assert.Contains("has no classification head (classifier.weight missing); use a checkpoint fine-tuned for text classification (BertForSequenceClassification)", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(output)) && Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(output)!).Any());
    }

    [FixtureTheory(Bert)]
    [InlineData(EncoderHead.TokenClassification, "classifier.weight missing")]
    [InlineData(EncoderHead.QuestionAnswering, "qa_outputs.weight missing")]
    [InlineData(EncoderHead.MaskedLM, "cls.predictions.transform.dense.weight missing")]
    public void Build_BareModelAskedForAHead_ThrowsNamingItsWeight(EncoderHead head, string expected)
    {
        var error = Assert.Throws<ModelLoadException>(() => EncoderGraphBuilder.Build(TestFixtures.PathOf(Bert), head, Path.Combine(_dir, "model.onnx")));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_dir));
    }

    [FixtureFact(Bert)]
    public void Build_UnsupportedModelType_ThrowsNamingTypeAndSupportedOnes()
    {
        var folder = Copy(Bert, "t5");
        SafetensorsWriter.EditConfig(folder, c => c["model_type"] = "t5");

        var error = Assert.Throws<ModelLoadException>(() => EncoderGraphBuilder.Build(folder, EncoderHead.BaseModel, Path.Combine(_dir, "model.onnx")));

        Assert.Contains("model_type 't5' cannot be built from safetensors; supported: bert, roberta, xlm-roberta, distilbert", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [FixtureFact(Bert)]
    public void Build_MissingTensor_ThrowsNamingTheTensor()
    {
        var folder = Copy(Bert, "missing", weights: false);
        var state = SafetensorsWriter.ReadAll(Path.Combine(TestFixtures.PathOf(Bert), "model.safetensors"));
        state.Remove("encoder.layer.1.output.dense.weight");
        SafetensorsWriter.Write(Path.Combine(folder, "model.safetensors"), state);
        var output = Path.Combine(_dir, "model.onnx");

        var error = Assert.Throws<ModelLoadException>(() => EncoderGraphBuilder.Build(folder, EncoderHead.BaseModel, output));

        Assert.Contains("has no tensor 'encoder.layer.1.output.dense.weight'", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_dir));
    }

    [FixtureFact(Bert)]
    public void Build_FailedRebuildOverAnExistingModel_LeavesThePreviousFilesAsTheyWere()
    {
        var output = SafetensorsOracle.Build(TestFixtures.PathOf(Bert), EncoderHead.BaseModel, _dir);
        var before = new[] { output, output + ".data" }.Select(File.ReadAllBytes).ToList();
        var folder = Copy(Bert, "broken", weights: false);
        var state = SafetensorsWriter.ReadAll(Path.Combine(TestFixtures.PathOf(Bert), "model.safetensors"));
        state.Remove("encoder.layer.1.output.LayerNorm.bias");
        SafetensorsWriter.Write(Path.Combine(folder, "model.safetensors"), state);

        Assert.Throws<ModelLoadException>(() => EncoderGraphBuilder.Build(folder, EncoderHead.BaseModel, output));

        Assert.Equal(["model.onnx", "model.onnx.data"], Directory.EnumerateFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(before, new[] { output, output + ".data" }.Select(File.ReadAllBytes));
    }

    [FixtureFact(Bert)]
    public void Build_ConfigDisagreesWithWeights_ThrowsNamingShapes()
    {
        var folder = Copy(Bert, "shape");
        SafetensorsWriter.EditConfig(folder, c => c["intermediate_size"] = 64);

        var error = Assert.Throws<ModelLoadException>(() => EncoderGraphBuilder.Build(folder, EncoderHead.BaseModel, Path.Combine(_dir, "model.onnx")));

        Assert.Contains("tensor 'encoder.layer.0.intermediate.dense.weight' has shape [32, 16], expected [64, 16]", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_dir));
    }

    [FixtureFact(Bert)]
    public void Build_Cancelled_LeavesNoFileBehind()
    {
        var output = Path.Combine(_dir, "model.onnx");
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => EncoderGraphBuilder.Build(TestFixtures.PathOf(Bert), EncoderHead.BaseModel, output, cancellation.Token));

        Assert.Empty(Directory.EnumerateFiles(_dir));
    }

    [FixtureFact(Bert)]
    public void Build_Checkpoint_WeightsInDataFileBesideTheModel()
    {
        var output = SafetensorsOracle.Build(TestFixtures.PathOf(Bert), EncoderHead.BaseModel, _dir);

        Assert.Equal(["model.onnx", "model.onnx.data"], Directory.EnumerateFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(new FileInfo(output + ".data").Length > 30522 * 16 * 4);
        Assert.True(new FileInfo(output).Length < 64 * 1024);
    }

    private static float Round(float value, string dtype) =>
        dtype == "F16" ? (float)(Half)value : BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(value) & unchecked((int)0xFFFF0000));

    private string Copy(string fixture, string name, bool weights = true)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "checkpoints", name)).FullName;
        foreach (var file in Directory.GetFiles(TestFixtures.PathOf(fixture)).Where(f => weights || !f.EndsWith(".safetensors", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
