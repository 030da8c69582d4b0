using System.Text.Json;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Serve;

/// <summary>
/// Reads the <c>--config</c> file: <c>{"models": [{"task": "...", "model": "..."}], "maxRequestBytes": n, "requestTimeoutSeconds": n, "chatTemplate": "chatml"}</c>.
/// Task aliases are resolved to their canonical names; a wrong entry throws naming it.
/// </summary>
internal static class ServeConfig
{
    /// <summary>Reads a config file into the options.</summary>
    /// <param name="path">The JSON file.</param>
    /// <param name="options">The options to fill.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>A task that ends when the options are filled.</returns>
    public static async Task LoadAsync(string path, ServeOptions options, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new HfPipelinesException($"The serve config file '{path}' does not exist; give --config a JSON file such as {{\"models\": [{{\"task\": \"text-classification\", \"model\": \"org/name\"}}]}}.");
        }

        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        Apply(text, path, options);
    }

    /// <summary>Applies config JSON text to the options.</summary>
    /// <param name="json">The config text.</param>
    /// <param name="source">Where it came from, for messages.</param>
    /// <param name="options">The options to fill.</param>
    public static void Apply(string json, string source, ServeOptions options)
    {
        using var document = Parse(json, source);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("models", out var models) || models.ValueKind != JsonValueKind.Array || models.GetArrayLength() == 0)
        {
            throw new HfPipelinesException($"{source}: expected an object with a non-empty \"models\" array of {{\"task\", \"model\"}} entries.");
        }

        options.Models = [.. models.EnumerateArray().Select((entry, i) => Model(entry, i, source)).Distinct()];
        if (root.TryGetProperty("maxRequestBytes", out var max))
        {
            options.MaxRequestBytes = max.TryGetInt64(out var bytes) && bytes >= 1024 ? bytes : throw new HfPipelinesException($"{source}: maxRequestBytes must be an integer of at least 1024.");
        }

        // Issue 20: the chat template for local chat models without one (a Jinja file or chatml, llama3, phi3).
        if (root.TryGetProperty("chatTemplate", out var template))
        {
            options.ChatTemplate = template.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(template.GetString())
                ? template.GetString() : throw new HfPipelinesException($"{source}: chatTemplate must be a Jinja file or a template name (chatml, llama3, phi3).");
        }

        if (root.TryGetProperty("requestTimeoutSeconds", out var timeout))
        {
            options.RequestTimeout = timeout.TryGetDouble(out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : throw new HfPipelinesException($"{source}: requestTimeoutSeconds must be a positive number.");
        }
    }

    private static JsonDocument Parse(string json, string source)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new HfPipelinesException($"{source} is not valid JSON: {ex.Message}", ex);
        }
    }

    private static ServedModel Model(JsonElement entry, int index, string source)
    {
        var task = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("task", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var model = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        if (string.IsNullOrWhiteSpace(task) || string.IsNullOrWhiteSpace(model))
        {
            throw new HfPipelinesException($"{source}: models[{index}] needs a string \"task\" and a string \"model\".");
        }

        if (!PipelineTasks.TryResolve(task, out var info))
        {
            throw new HfPipelinesException($"{source}: models[{index}].task '{task}' is not a pipeline task. Valid tasks: {string.Join(", ", PipelineTasks.All.Select(a => a.Name))}.");
        }

        return new ServedModel(info.Name, model.Trim());
    }
}
