using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Remote.Http;
using HfPipelines.Tasks;

namespace HfPipelines.Remote.Tasks;

/// <summary>
/// automatic-speech-recognition: the audio bytes with their content type (samples are sent as 16-bit WAV); with
/// timestamps, a language or a task the audio goes base64 in <c>{inputs, parameters}</c>. Answer <c>{text, chunks}</c>.
/// </summary>
internal sealed class RemoteSpeechRecognition() : RemoteTask<AudioInput, SpeechRecognitionOptions, SpeechRecognitionResult>(PipelineTasks.AutomaticSpeechRecognition)
{
    public override async Task<SpeechRecognitionResult> RunAsync(RemoteCall call, AudioInput input, SpeechRecognitionOptions options, CancellationToken cancellationToken)
    {
        var bytes = input switch
        {
            { Samples: { } samples } => MediaTypes.Wav(samples, input.SampleRate),
            { Path: { } path } => await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false),
            _ => input.Bytes,
        };
        var contentType = MediaTypes.Audio(bytes.Span);
        var uri = call.Routes.Task(Task, call.Model);
        var parameters = Parameters(options);
        var answer = parameters.Count == 0
            ? await call.Client.PostBytesAsync(uri, bytes, contentType, Task, cancellationToken).ConfigureAwait(false)
            : await call.Client.PostJsonAsync(uri, new JsonObject { ["inputs"] = Convert.ToBase64String(bytes.Span), ["parameters"] = parameters }, Task, cancellationToken).ConfigureAwait(false);
        return Parse(answer);
    }

    public static JsonObject Parameters(SpeechRecognitionOptions options)
    {
        var parameters = new JsonObject();
        if (options.WordTimestamps)
        {
            parameters["return_timestamps"] = "word";
        }
        else if (options.ReturnTimestamps)
        {
            parameters["return_timestamps"] = true;
        }

        var generate = new JsonObject();
        if (options.Language is { } language)
        {
            generate["language"] = language;
        }

        if (options.Task != "transcribe")
        {
            generate["task"] = options.Task;
        }

        if (generate.Count > 0)
        {
            parameters["generate_kwargs"] = generate;
        }

        return parameters;
    }

    public static SpeechRecognitionResult Parse(JsonElement answer)
    {
        const string task = PipelineTasks.AutomaticSpeechRecognition;
        var text = RemoteJson.String(answer, "text", task);
        IReadOnlyList<SpeechChunk>? chunks = null;
        if (answer.TryGetProperty("chunks", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            chunks = list.EnumerateArray().Select(chunk => new SpeechChunk(RemoteJson.String(chunk, "text", task), Timestamp(chunk))).ToList();
        }

        return new SpeechRecognitionResult { Text = text, Chunks = chunks, Language = RemoteJson.OptionalString(answer, "language") };
    }

    private static IReadOnlyList<double?> Timestamp(JsonElement chunk)
    {
        if (!chunk.TryGetProperty("timestamp", out var stamp) && !chunk.TryGetProperty("timestamps", out stamp))
        {
            return [null, null];
        }

        return stamp.ValueKind == JsonValueKind.Array
            ? stamp.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Number ? v.GetDouble() : (double?)null).ToList()
            : throw RemoteJson.Shape(task: PipelineTasks.AutomaticSpeechRecognition, "a [start, end] timestamp", chunk);
    }
}
