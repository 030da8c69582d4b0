using System.Text.Json;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Serve;

/// <summary>
/// The served models and how a request picks one: by model id, then by the task named in the route, else by the
/// body (image or audio bytes, <c>{source_sentence}</c>, <c>{question, context}</c>, <c>candidate_labels</c>), else
/// the model's first other task. Immutable, thread-safe.
/// </summary>
/// <param name="models">The served models.</param>
internal sealed class ModelCatalog(IReadOnlyList<ServedModel> models)
{
    private static readonly string[] ShapedTasks = [PipelineTasks.SentenceSimilarity, PipelineTasks.QuestionAnswering, PipelineTasks.ZeroShotClassification];

    /// <summary>Every served model.</summary>
    public IReadOnlyList<ServedModel> Models { get; } = models;

    /// <summary>The chat models (text-generation entries).</summary>
    public IReadOnlyList<ServedModel> ChatModels => [.. Models.Where(m => m.Chat)];

    /// <summary>Finds the served model and task a request is for.</summary>
    /// <param name="model">The model id from the route.</param>
    /// <param name="task">The task from the route (<c>/pipeline/{task}</c>), or null.</param>
    /// <param name="input">The body.</param>
    /// <returns>The entry.</returns>
    public ServedModel Resolve(string model, string? task, ServeInput input)
    {
        var candidates = Models.Where(m => string.Equals(m.Model, model, StringComparison.OrdinalIgnoreCase)).ToList();
        if (candidates.Count == 0)
        {
            throw NotServed($"Model '{model}' is not served here.");
        }

        if (task is not null)
        {
            var name = PipelineTasks.TryResolve(task, out var info) ? info.Name : task;
            return candidates.FirstOrDefault(m => m.Task == name) ?? throw NotServed($"Model '{model}' is not served for task '{task}'.");
        }

        var wanted = WantedTask(input, candidates);
        return candidates.FirstOrDefault(m => m.Task == wanted)
            ?? candidates.FirstOrDefault(m => !ShapedTasks.Contains(m.Task))
            ?? candidates[0];
    }

    /// <summary>The chat model a <c>/v1/chat/completions</c> request names (or the only one when it names none).</summary>
    /// <param name="model">The request's <c>model</c>, or null.</param>
    /// <returns>The served model id.</returns>
    public string ResolveChat(string? model)
    {
        var chat = ChatModels;
        if (string.IsNullOrWhiteSpace(model))
        {
            return chat.Count == 1 ? chat[0].Model : throw ServeRequestException.BadRequest($"model is required: one of {string.Join(", ", chat.Select(m => m.Model))}.");
        }

        return chat.FirstOrDefault(m => string.Equals(m.Model, model, StringComparison.OrdinalIgnoreCase))?.Model
            ?? throw NotServed($"Model '{model}' is not served for chat (serve it with task text-generation).");
    }

    /// <summary>A 404 that lists the served models.</summary>
    /// <param name="message">What was not found.</param>
    /// <returns>The exception.</returns>
    public static ServeRequestException NotServed(string message) => new(404, message) { ListModels = true };

    private static string? WantedTask(ServeInput input, List<ServedModel> candidates)
    {
        if (input.IsImage)
        {
            return PipelineTasks.ImageClassification;
        }

        if (input.IsAudio)
        {
            return PipelineTasks.AutomaticSpeechRecognition;
        }

        if (input.Json is not { ValueKind: JsonValueKind.Object } root)
        {
            // application/octet-stream: the model's image or audio task.
            return candidates.Select(m => m.Task).FirstOrDefault(t => t is PipelineTasks.ImageClassification or PipelineTasks.AutomaticSpeechRecognition);
        }

        var inputs = root.TryGetProperty("inputs", out var i) ? i : default;
        if (inputs.ValueKind == JsonValueKind.Object && inputs.TryGetProperty("source_sentence", out _))
        {
            return PipelineTasks.SentenceSimilarity;
        }

        if (inputs.ValueKind == JsonValueKind.Object && inputs.TryGetProperty("question", out _))
        {
            return PipelineTasks.QuestionAnswering;
        }

        return root.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("candidate_labels", out _)
            ? PipelineTasks.ZeroShotClassification
            : null;
    }
}
