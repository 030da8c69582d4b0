using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using Microsoft.Extensions.AI;

namespace HfPipelines.Speech;

/// <summary>
/// Any automatic-speech-recognition pipeline (Whisper on ONNX Runtime, whisper.cpp, remote) as a
/// Microsoft.Extensions.AI <see cref="ISpeechToTextClient"/>. <see cref="SpeechToTextOptions.SpeechLanguage"/> sets the
/// spoken language; <see cref="SpeechToTextOptions.TextLanguage"/> <c>en</c> with another spoken language asks Whisper
/// to translate. The segments come back as the response's contents with their start and end times.
/// </summary>
[Experimental("MEAI001")]
public sealed class PipelineSpeechToTextClient : ISpeechToTextClient
{
    private readonly IPipeline<AudioInput, SpeechRecognitionOptions, SpeechRecognitionResult> _pipeline;
    private readonly bool _ownsPipeline;

    /// <summary>Wraps a speech-recognition pipeline.</summary>
    /// <param name="pipeline">The pipeline; borrowed unless <paramref name="ownsPipeline"/>.</param>
    /// <param name="ownsPipeline">Dispose the pipeline with this client.</param>
    public PipelineSpeechToTextClient(IPipeline<AudioInput, SpeechRecognitionOptions, SpeechRecognitionResult> pipeline, bool ownsPipeline = false)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        _pipeline = pipeline;
        _ownsPipeline = ownsPipeline;
    }

    /// <inheritdoc />
    public async Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audioSpeechStream);
        using var buffer = new MemoryStream();
        await audioSpeechStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var result = await _pipeline.RunAsync(AudioInput.FromBytes(buffer.ToArray()), ToOptions(options), cancellationToken).ConfigureAwait(false);
        // With segments, each is one content (with its times), so the response's text is their concatenation.
        var response = result.Chunks is { Count: > 0 } segments
            ? new SpeechToTextResponse([.. segments.Select(c => new TextContent(c.Text) { AdditionalProperties = new() { ["start"] = c.Timestamp[0], ["end"] = c.Timestamp[1] } })])
            : new SpeechToTextResponse(result.Text.Trim());
        response.ModelId = options?.ModelId;
        if (result.Chunks is { Count: > 0 } chunks)
        {
            response.StartTime = TimeSpan.FromSeconds(chunks[0].Timestamp[0] ?? 0);
            response.EndTime = chunks[^1].Timestamp[1] is { } end ? TimeSpan.FromSeconds(end) : null;
        }

        return response;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(
        Stream audioSpeechStream, SpeechToTextOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetTextAsync(audioSpeechStream, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToSpeechToTextResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsPipeline)
        {
            _pipeline.Dispose();
        }
    }

    private static SpeechRecognitionOptions ToOptions(SpeechToTextOptions? options)
    {
        var translate = options?.TextLanguage is { } text && options.SpeechLanguage is { } speech
            && !string.Equals(text, speech, StringComparison.OrdinalIgnoreCase);
        if (translate && !string.Equals(options!.TextLanguage, "en", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidPipelineInputException($"Whisper translates into English only; TextLanguage '{options.TextLanguage}' is not possible.");
        }

        return new SpeechRecognitionOptions
        {
            Language = options?.SpeechLanguage,
            Task = translate ? "translate" : "transcribe",
            ReturnTimestamps = true,
        };
    }
}
