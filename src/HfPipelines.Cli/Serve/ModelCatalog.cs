using System.Text.Json;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Serve;

/// <summary>
/// The served models and how a request picks one: by id (or model reference), then by the task named in the route, else by the
/// body (image or audio bytes, <c>{source_sentence}</c>, <c>{question, context}</c>, <c>candidate_labels</c>), else
/// the model's first other task. Immutable, thread-safe.
/// </summary>
/// <param name="models">The served models.</param>
internal sealed class ModelCatalog(IReadOnlyList<ServedModel> models)
{
    private static readonly string[] ShapedTasks = [PipelineTaskNames.SentenceSimilarity, PipelineTaskNames.QuestionAnswering, PipelineTaskNames.ZeroShotClassification];

    /// <summary>Every served model.</summary>
    public IReadOnlyList<ServedModel> Models { get; } = models;

    /// <summary>The chat models (text-generation entries).</summary>
    public IReadOnlyList<ServedModel> ChatModels => [.. Models.Where(m => m.Chat)];

    /// <summary>Finds the served model and task a request is for.</summary>
    /// <param name="model">The id (or model reference) from the route.</param>
    /// <param name="task">The task from the route (<c>/pipeline/{task}</c>), or null.</param>
    /// <param name="input">The body.</param>
    /// <returns>The entry.</returns>
    public ServedModel Resolve(string model, string? task, TaskRequest input)
    {
        var candidates = Models.Where(m => string.Equals(m.Id, model, StringComparison.OrdinalIgnoreCase)).ToList();
        if (candidates.Count == 0)
        {
            candidates = [.. Models.Where(m => string.Equals(m.Model, model, StringComparison.OrdinalIgnoreCase))];
        }

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

    /// <summary>The chat model a <c>/v1/chat/completions</c> request names by id (or model reference), or the only one when it names none.</summary>
    /// <param name="model">The request's <c>model</c>, or null.</param>
    /// <returns>The served model.</returns>
    public ServedModel ResolveChat(string? model)
    {
        var chat = ChatModels;
        if (string.IsNullOrWhiteSpace(model))
        {
            return chat.Count == 1 ? chat[0] : throw ServeRequestException.BadRequest($"model is required: one of {string.Join(", ", chat.Select(m => m.Id))}.");
        }

        return chat.FirstOrDefault(m => string.Equals(m.Id, model, StringComparison.OrdinalIgnoreCase))
            ?? chat.FirstOrDefault(m => string.Equals(m.Model, model, StringComparison.OrdinalIgnoreCase))
            ?? throw NotServed($"Model '{model}' is not served for chat (serve it with task text-generation).");
    }

    /// <summary>A 404 that lists the served models.</summary>
    /// <param name="message">What was not found.</param>
    /// <returns>The exception.</returns>
    public static ServeRequestException NotServed(string message) => new(404, message) { ListModels = true };

    private static string? WantedTask(TaskRequest input, List<ServedModel> candidates)
    {
        if (input.IsImage)
        {
            return PipelineTaskNames.ImageClassification;
        }

        if (input.IsAudio)
        {
            return PipelineTaskNames.AutomaticSpeechRecognition;
        }

        if (input.Json is not { ValueKind: JsonValueKind.Object } root)
        {
            // application/octet-stream: the model's image or audio task.
            return candidates.Select(m => m.Task).FirstOrDefault(t => t is PipelineTaskNames.ImageClassification or PipelineTaskNames.AutomaticSpeechRecognition);
        }

        var inputs = root.TryGetProperty("inputs", out var i) ? i : default;
        if (inputs.ValueKind == JsonValueKind.Object && inputs.TryGetProperty("source_sentence", out _))
        {
            return PipelineTaskNames.SentenceSimilarity;
        }

        if (inputs.ValueKind == JsonValueKind.Object && inputs.TryGetProperty("question", out _))
        {
            return PipelineTaskNames.QuestionAnswering;
        }

        return root.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("candidate_labels", out _)
            ? PipelineTaskNames.ZeroShotClassification
            : null;
    }
}
