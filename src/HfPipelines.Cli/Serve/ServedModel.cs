using System.Text.Json.Serialization;

namespace HfPipelines.Cli.Serve;

/// <summary>One model the server offers for one task (a model may appear once per task).</summary>
/// <param name="Task">The canonical Hugging Face task name.</param>
/// <param name="Model">The model reference given to the pipeline provider or the chat model factory.</param>
internal sealed record ServedModel(
    [property: JsonPropertyName("task")] string Task,
    [property: JsonPropertyName("model")] string Model)
{
    /// <summary>True for text-generation models, which also answer <c>/v1/chat/completions</c>.</summary>
    [JsonPropertyName("chat")]
    public bool Chat => Task == HfPipelines.Tasks.PipelineTasks.TextGeneration;
}
