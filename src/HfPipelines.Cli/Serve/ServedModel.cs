using System.Text.Json.Serialization;

namespace HfPipelines.Cli.Serve;

/// <summary>
/// One model the server offers for one task (a model may appear once per task). Routes name it by <see cref="Id"/>
/// (<c>/models/{id}</c>), which defaults to the Hub id, or to the folder or file name for a local path.
/// </summary>
/// <param name="Task">The canonical Hugging Face task name.</param>
/// <param name="Model">The model reference given to the pipeline provider or the chat model factory.</param>
internal sealed record ServedModel(
    [property: JsonPropertyName("task")] string Task,
    [property: JsonPropertyName("model")] string Model)
{
    private readonly string? _id;

    /// <summary>The id routes use; defaults to <see cref="DefaultId"/> of the model.</summary>
    [JsonPropertyName("id")]
    public string Id
    {
        get => _id ?? DefaultId(Model);
        init => _id = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>True for text-generation models, which also answer <c>/v1/chat/completions</c>.</summary>
    [JsonPropertyName("chat")]
    public bool Chat => Task == HfPipelines.Tasks.PipelineTaskNames.TextGeneration;

    /// <summary>
    /// The id of a model reference: the folder or file name of a local path (absolute, <c>./</c>, <c>../</c>, <c>~/</c>, or
    /// an existing path), else the reference itself (a Hub id such as <c>org/name</c>, with any <c>@revision</c> or <c>:file</c>).
    /// </summary>
    /// <param name="model">The model reference.</param>
    /// <returns>The id.</returns>
    public static string DefaultId(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return IsLocalPath(model) ? Path.GetFileName(model.TrimEnd('/', '\\')) : model;
    }

    /// <summary>Whether a model reference is a local path rather than a Hub id.</summary>
    /// <param name="model">The model reference.</param>
    /// <returns>True for a local path.</returns>
    public static bool IsLocalPath(string model) =>
        Path.IsPathRooted(model) || model.StartsWith("./", StringComparison.Ordinal) || model.StartsWith("../", StringComparison.Ordinal)
        || model.StartsWith("~/", StringComparison.Ordinal) || model == "." || Directory.Exists(model) || File.Exists(model);
}
