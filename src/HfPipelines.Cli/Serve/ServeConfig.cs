using System.Text.Json;
using HfPipelines.Hub;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Serve;

/// <summary>
/// Reads the <c>--config</c> file: <c>{"models": [{"task": "...", "model": "...", "id": "..."}], "maxRequestBytes": n,
/// "requestTimeoutSeconds": n, "shutdownTimeoutSeconds": n, "chatTemplate": "chatml"}</c>. Task aliases are resolved to
/// their canonical names; <c>id</c> (optional) is what routes name (<c>/models/{id}</c>), by default the Hub id or the
/// folder name of a local path; a relative local path is read from the config file's folder. A wrong entry (unknown task,
/// malformed model reference, two models under one id) throws naming it.
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
        Apply(text, path, options, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <summary>Applies config JSON text to the options.</summary>
    /// <param name="json">The config text.</param>
    /// <param name="source">Where it came from, for messages.</param>
    /// <param name="options">The options to fill.</param>
    /// <param name="baseDirectory">The folder relative local paths are read from; null for the current folder.</param>
    public static void Apply(string json, string source, ServeOptions options, string? baseDirectory = null)
    {
        using var document = Parse(json, source);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("models", out var models) || models.ValueKind != JsonValueKind.Array || models.GetArrayLength() == 0)
        {
            throw new HfPipelinesException($"{source}: expected an object with a non-empty \"models\" array of {{\"task\", \"model\"}} entries.");
        }

        var served = models.EnumerateArray().Select((entry, i) => Model(entry, i, source, baseDirectory, options.Tasks)).Distinct().ToList();
        var clash = served.GroupBy(m => m.Id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Select(m => m.Model).Distinct(StringComparer.Ordinal).Count() > 1);
        if (clash is not null)
        {
            throw new HfPipelinesException(
                $"{source}: the id '{clash.Key}' names two models ({string.Join(", ", clash.Select(m => m.Model).Distinct(StringComparer.Ordinal))}); give each entry an \"id\" of its own.");
        }

        options.Models = served;
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

        if (root.TryGetProperty("shutdownTimeoutSeconds", out var shutdown))
        {
            options.ShutdownTimeout = shutdown.TryGetDouble(out var seconds) && seconds is >= 0 and <= 3600 ? TimeSpan.FromSeconds(seconds) : throw new HfPipelinesException($"{source}: shutdownTimeoutSeconds must be a number from 0 to 3600.");
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

    private static ServedModel Model(JsonElement entry, int index, string source, string? baseDirectory, PipelineTaskCatalog tasks)
    {
        var task = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("task", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var model = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        var id = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("id", out var d) ? d.ValueKind == JsonValueKind.String ? d.GetString() : throw new HfPipelinesException($"{source}: models[{index}].id must be a string.") : null;
        if (string.IsNullOrWhiteSpace(task) || string.IsNullOrWhiteSpace(model))
        {
            throw new HfPipelinesException($"{source}: models[{index}] needs a string \"task\" and a string \"model\".");
        }

        if (!tasks.TryResolve(task, out var info))
        {
            throw new HfPipelinesException($"{source}: models[{index}].task '{task}' is not a pipeline task. Valid tasks: {string.Join(", ", tasks.All.Select(a => a.Name))}.");
        }

        var reference = model.Trim();
        if (reference.StartsWith("./", StringComparison.Ordinal) || reference.StartsWith("../", StringComparison.Ordinal))
        {
            reference = Path.GetFullPath(Path.Combine(baseDirectory ?? Environment.CurrentDirectory, reference));
        }

        if (!ServedModel.IsLocalPath(reference) && !ModelReference.TryParse(reference, out _))
        {
            // Parse again for the message that says what is wrong with the reference.
            try
            {
                ModelReference.Parse(reference);
            }
            catch (InvalidModelReferenceException ex)
            {
                throw new HfPipelinesException($"{source}: models[{index}].model: {ex.Message}", ex);
            }
        }

        if (id is not null && (id.Length == 0 || id.Any(c => char.IsControl(c) || c == '?' || c == '#')))
        {
            throw new HfPipelinesException($"{source}: models[{index}].id '{id}' must be a non-empty name without '?', '#' or control characters.");
        }

        return new ServedModel(info.Name, reference) { Id = id! };
    }
}
