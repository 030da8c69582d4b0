using System.Text.Json;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Serve.Tasks;

/// <summary>
/// automatic-speech-recognition: raw audio bytes, or base64 <c>inputs</c> with <c>return_timestamps</c> (true or
/// "word") and <c>generate_kwargs</c> {language, task} -> <c>{text, chunks}</c>.
/// </summary>
internal sealed class ServeSpeechRecognition() : ServeTask<AudioInput, SpeechRecognitionOptions, SpeechRecognitionResult>(PipelineTasks.AutomaticSpeechRecognition)
{
    protected override SpeechRecognitionOptions Options(ServeInput input)
    {
        var parameters = input.Parameters;
        var generate = parameters.Object("generate_kwargs");
        var options = new SpeechRecognitionOptions { Language = generate.String("language") };
        if (generate.String("task") is { } task)
        {
            options.Task = task;
        }

        if (parameters.Element.ValueKind == JsonValueKind.Object && parameters.Element.TryGetProperty("return_timestamps", out var stamps))
        {
            switch (stamps.ValueKind)
            {
                case JsonValueKind.String when stamps.GetString() == "word":
                    options.WordTimestamps = true;
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

    protected override (IReadOnlyList<AudioInput> Items, bool Batch) Inputs(ServeInput input) =>
        ([AudioInput.FromBytes(input.MediaBytes("audio"))], false);
}
