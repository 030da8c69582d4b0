using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Pipelines;
using HfPipelines.Remote.Http;
using HfPipelines.Remote.Tasks;

namespace HfPipelines.Tasks;

/// <summary>
/// automatic-speech-recognition (asr): raw audio bytes, or base64 <c>inputs</c>; <c>return_timestamps</c> (true or
/// "word") and <c>generate_kwargs</c> {language, task} (tool calls and workflow steps may give <c>language</c> and
/// <c>task</c> directly); <c>{text, chunks}</c>. Tool calls, workflow steps and command lines give a file path. Local:
/// Whisper exports here, whisper.cpp and GenAI Whisper folders from their backends.
/// </summary>
public sealed class SpeechRecognitionTask : PipelineTask<AudioInput, SpeechRecognitionOptions, SpeechRecognitionResult>
{
    internal SpeechRecognitionTask()
        : base(PipelineTaskNames.AutomaticSpeechRecognition, TaskInputKind.Audio, "Transcribe speech, with optional timestamps.", "asr")
    {
    }

    /// <inheritdoc />
    public override IReadOnlyList<TaskArgument> Arguments { get; } =
    [
        TaskArgument.Input("audio", TaskArgumentType.String, "The audio file: a local path such as \"meeting.wav\" or a file:// URI."),
        TaskArgument.Parameter("return_timestamps", TaskArgumentType.String, "true for segment times, \"word\" for word times."),
        TaskArgument.Parameter("language", TaskArgumentType.String, "The spoken language as a code such as \"en\"; empty to detect it."),
        TaskArgument.Parameter("task", TaskArgumentType.String, "transcribe (default) or translate (into English)."),
        TaskArgument.Parameter("num_beams", TaskArgumentType.Integer, "Beam width (1: greedy)."),
        TaskArgument.Parameter("max_new_tokens", TaskArgumentType.Integer, "Most new tokens per 30 s window."),
    ];

    /// <inheritdoc />
    public override TaskTool Tool { get; } = new("Speech", "transcribe",
        "Turn the speech in an audio file (wav, mp3, flac: a recording, a meeting, a voice note) into text. Use it first whenever the user names an audio file.");

    /// <inheritdoc />
    public override IReadOnlyList<LocalTaskFactory> LocalFactories { get; } =
    [
        new("onnx-whisper", (path, _) => LocalModelKinds.IsWhisper(path) ? LocalModelKinds.CreateWhisper(path) : null),
    ];

    /// <inheritdoc />
    public override (IReadOnlyList<AudioInput> Items, bool Batch) ReadInputs(TaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ([AudioInput.FromBytes(request.MediaBytes("audio"))], false);
    }

    /// <inheritdoc />
    public override AudioInput ReadArgumentInput(TaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return AudioInput.FromFile(LocalFileArgument.Path(RequestFields.Text(request.Inputs, "audio"), "audio"));
    }

    /// <inheritdoc />
    public override AudioInput ParseInput(string text) => AudioInput.FromFile(LocalFileArgument.Path(text, "audio"));

    /// <inheritdoc />
    public override SpeechRecognitionOptions ReadOptions(TaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = request.Parameters;
        var generate = parameters.Object("generate_kwargs");
        var options = new SpeechRecognitionOptions { Language = generate.String("language") ?? NonEmpty(parameters.String("language")) };
        if ((generate.String("task") ?? NonEmpty(parameters.String("task"))) is { } task)
        {
            options.Task = task;
        }

        options.NumBeams = generate.Int("num_beams") ?? parameters.Int("num_beams");
        options.MaxNewTokens = generate.Int("max_new_tokens") ?? parameters.Int("max_new_tokens");

        if (parameters.Element.ValueKind == JsonValueKind.Object && parameters.Element.TryGetProperty("return_timestamps", out var stamps))
        {
            switch (stamps.ValueKind)
            {
                case JsonValueKind.String when stamps.GetString() == "word":
                    options.WordTimestamps = true;
                    break;
                case JsonValueKind.String when bool.TryParse(stamps.GetString(), out var flag):
                    options.ReturnTimestamps = flag;
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    options.ReturnTimestamps = stamps.GetBoolean();
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    throw RequestFields.Wrong("parameters.return_timestamps", "true, false or \"word\"", stamps);
            }
        }

        return options;
    }

    /// <inheritdoc />
    public override async Task<SpeechRecognitionResult> RunRemoteAsync(IRemoteTaskClient client, AudioInput input, SpeechRecognitionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        var bytes = await ReadBytesAsync(input, cancellationToken).ConfigureAwait(false);
        var parameters = Parameters(options);
        var answer = parameters.Count == 0
            ? await client.PostBytesAsync(bytes, MediaTypes.Audio(bytes.Span), cancellationToken).ConfigureAwait(false)
            : await client.PostJsonAsync(new JsonObject { ["inputs"] = Convert.ToBase64String(bytes.Span), ["parameters"] = parameters }, cancellationToken).ConfigureAwait(false);
        return ReadResponse(answer, input, options);
    }

    /// <inheritdoc />
    public override JsonObject WriteRequest(AudioInput input, SpeechRecognitionOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        var bytes = input switch
        {
            { Samples: { } samples } => MediaTypes.Wav(samples, input.SampleRate),
            { Path: { } path } => File.ReadAllBytes(path),
            _ => input.Bytes,
        };
        return new JsonObject { ["inputs"] = Convert.ToBase64String(bytes.Span), ["parameters"] = Parameters(options) };
    }

    /// <inheritdoc />
    public override SpeechRecognitionResult ReadResponse(JsonElement answer, AudioInput input, SpeechRecognitionOptions options)
    {
        var text = RemoteJson.String(answer, "text", Name);
        IReadOnlyList<SpeechChunk>? chunks = null;
        if (answer.TryGetProperty("chunks", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            chunks = list.EnumerateArray().Select(chunk => new SpeechChunk(RemoteJson.String(chunk, "text", Name), Timestamp(chunk))).ToList();
        }

        return new SpeechRecognitionResult { Text = text, Chunks = chunks, Language = RemoteJson.OptionalString(answer, "language") };
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBytesAsync(AudioInput input, CancellationToken cancellationToken) => input switch
    {
        { Samples: { } samples } => MediaTypes.Wav(samples, input.SampleRate),
        { Path: { } path } => await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false),
        _ => input.Bytes,
    };

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static JsonObject Parameters(SpeechRecognitionOptions options)
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

        if (options.NumBeams is { } beams)
        {
            generate["num_beams"] = beams;
        }

        if (options.MaxNewTokens is { } maxNewTokens)
        {
            generate["max_new_tokens"] = maxNewTokens;
        }

        if (generate.Count > 0)
        {
            parameters["generate_kwargs"] = generate;
        }

        return parameters;
    }

    private static IReadOnlyList<double?> Timestamp(JsonElement chunk)
    {
        if (!chunk.TryGetProperty("timestamp", out var stamp) && !chunk.TryGetProperty("timestamps", out stamp))
        {
            return [null, null];
        }

        return stamp.ValueKind == JsonValueKind.Array
            ? stamp.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Number ? v.GetDouble() : (double?)null).ToList()
            : throw RemoteJson.Shape(PipelineTaskNames.AutomaticSpeechRecognition, "a [start, end] timestamp", chunk);
    }
}
