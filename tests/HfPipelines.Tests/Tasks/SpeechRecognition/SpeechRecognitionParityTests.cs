using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using HfPipelines.Tests.Tasks.Parity;

namespace HfPipelines.Tests.Tasks.SpeechRecognition;

/// <summary>
/// automatic-speech-recognition against transformers 5.17 on a random multilingual Whisper (pyoracle/whisper, max_length 24):
/// its pipeline (which decodes with 5 beams of its own), and greedy <c>generate()</c>. Items left out, with the reason
/// in docs/parity.md: chunked audio with segment timestamps, and word timestamps with beams.
/// </summary>
public sealed class SpeechRecognitionParityTests
{
    private static readonly JsonObject? Case = PyOracle.Case("automatic-speech-recognition");

    public static IEnumerable<object[]> Items() => Case is null ? [] :
        Case["items"]!.AsArray().Select((item, i) => (item, i)).Where(x => !KnownDifference(x.item!["params"]!.AsObject())).Select(x => new object[] { x.i });

    [FixtureTheory(PyOracle.Expected, "audio/jfk.wav")]
    [MemberData(nameof(Items))]
    public async Task RunAsync_OracleItem_SameTranscriptAsTransformers(int index)
    {
        var item = Case!["items"]![index]!;
        var parameters = item["params"]!.AsObject();
        var greedy = parameters.ContainsKey("generate");
        var generate = (parameters["generate_kwargs"] ?? parameters["generate"])!.AsObject();
        using var provider = PyOracle.Provider();
        var pipeline = await provider.GetSpeechRecognitionAsync(PyOracle.Folder((string)Case["model"]!));
        var options = new SpeechRecognitionOptions
        {
            Language = (string?)generate["language"],
            Task = (string?)generate["task"] ?? "transcribe",
            ReturnTimestamps = IsTrue(parameters["return_timestamps"]),
            ChunkLengthSeconds = (double?)parameters["chunk_length_s"] ?? 0,
            StrideLengthSeconds = (double?)parameters["stride_length_s"],
            NumBeams = greedy ? 1 : 5,
        };

        var result = await pipeline.RunAsync(AudioInput.FromFile(PyOracle.Media(Path.Combine("audio", (string)item["audio"]!))), options);

        if (greedy)
        {
            Assert.Equal(((string)item["output"]!).Trim(), result.Text.Trim());
        }
        else
        {
            PyOracle.AssertClose(item["output"], result, tolerance: 1e-3);
        }
    }

    private static bool IsTrue(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    private static bool KnownDifference(JsonObject parameters) =>
        parameters["return_timestamps"] is JsonValue v && v.GetValueKind() == JsonValueKind.String
        || (parameters.ContainsKey("chunk_length_s") && IsTrue(parameters["return_timestamps"]));
}
