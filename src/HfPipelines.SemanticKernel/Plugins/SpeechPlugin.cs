using System.ComponentModel;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using Microsoft.SemanticKernel;

namespace HfPipelines.SemanticKernel.Plugins;

/// <summary>Speech recognition as a kernel function; audio is read from local paths or file:// URIs. Thread-safe.</summary>
public sealed class SpeechPlugin
{
    private readonly IPipelineProvider _provider;
    private readonly HfPipelinesOptions _options;

    /// <summary>Creates the plugin.</summary>
    /// <param name="provider">Gives the pipelines.</param>
    /// <param name="options">The model per task; null for the defaults.</param>
    public SpeechPlugin(IPipelineProvider provider, HfPipelinesOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _provider = provider;
        _options = options ?? new HfPipelinesOptions();
    }

    /// <summary>Transcribes the speech in an audio file.</summary>
    /// <param name="audio">A local path or file:// URI of the audio.</param>
    /// <param name="language">The spoken language, or empty to detect it.</param>
    /// <param name="returnTimestamps">Whether to return timed chunks (segments).</param>
    /// <param name="wordTimestamps">Whether to return one timed chunk per word (needs a Whisper export with cross attentions,
    /// such as the <c>*_timestamped</c> repositories); wins over <paramref name="returnTimestamps"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The transcript (and chunks when asked).</returns>
    [KernelFunction("transcribe")]
    [Description("Turn the speech in an audio file (wav, mp3, flac: a recording, a meeting, a voice note) into text. Use it first whenever the user names an audio file.")]
    public async Task<SpeechRecognitionResult> TranscribeAsync(
        [Description("The audio file: a local path such as \"meeting.wav\" or a file:// URI.")] string audio,
        [Description("The spoken language as a code such as \"en\"; empty to detect it.")] string language = "",
        [Description("True to also return timed chunks (segments) of the transcript.")] bool returnTimestamps = false,
        [Description("True to return each word with its start and end time instead of segments.")] bool wordTimestamps = false,
        CancellationToken cancellationToken = default)
    {
        var input = PipelineTasks.AutomaticSpeechRecognition.ParseInput(audio);
        var options = new SpeechRecognitionOptions
        {
            Language = string.IsNullOrWhiteSpace(language) ? null : language.Trim(),
            ReturnTimestamps = returnTimestamps || wordTimestamps,
            WordTimestamps = wordTimestamps,
        };
        var pipeline = await _provider.GetSpeechRecognitionAsync(_options.ModelFor(PipelineTasks.AutomaticSpeechRecognition), cancellationToken).ConfigureAwait(false);
        return await pipeline.RunAsync(input, options, cancellationToken).ConfigureAwait(false);
    }
}
