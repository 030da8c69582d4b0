using System.Diagnostics.CodeAnalysis;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.AudioToText;

namespace HfPipelines.SemanticKernel.Services;

/// <summary>
/// Semantic Kernel's <see cref="IAudioToTextService"/> over the automatic-speech-recognition pipeline of a provider
/// (loaded on first use). Audio comes as bytes or a <c>file:</c> URI; <c>language</c> and <c>task</c> in the execution
/// settings' extension data are passed to Whisper.
/// </summary>
[Experimental("SKEXP0001")]
public sealed class HfPipelinesAudioToTextService : IAudioToTextService
{
    private readonly IPipelineProvider _provider;
    private readonly string? _model;

    /// <summary>Creates the service.</summary>
    /// <param name="provider">Gives the speech-recognition pipeline.</param>
    /// <param name="model">The model reference, or null for the configured default.</param>
    public HfPipelinesAudioToTextService(IPipelineProvider provider, string? model = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _provider = provider;
        _model = model;
        Attributes = new Dictionary<string, object?> { ["ModelId"] = model };
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?> Attributes { get; }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TextContent>> GetTextContentsAsync(
        AudioContent content, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var input = content.Data is { Length: > 0 } data ? AudioInput.FromBytes(data)
            : content.Uri is { IsFile: true } uri ? AudioInput.FromFile(uri.LocalPath)
            : throw new InvalidPipelineInputException("The audio content has no data and no file: URI; download remote audio first.");
        var settings = executionSettings?.ExtensionData;
        var options = new SpeechRecognitionOptions
        {
            Language = settings?.TryGetValue("language", out var language) == true ? language?.ToString() : null,
            Task = settings?.TryGetValue("task", out var task) == true && task?.ToString() is { } t ? t : "transcribe",
        };
        var pipeline = await _provider.GetSpeechRecognitionAsync(_model, cancellationToken).ConfigureAwait(false);
        var result = await pipeline.RunAsync(input, options, cancellationToken).ConfigureAwait(false);
        return [new TextContent(result.Text.Trim(), _model)];
    }
}
