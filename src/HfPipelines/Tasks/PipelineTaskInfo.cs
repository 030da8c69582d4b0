namespace HfPipelines.Tasks;

/// <summary>What kind of input a task takes.</summary>
public enum TaskInputKind
{
    /// <summary>Text (or a pair of texts).</summary>
    Text,

    /// <summary>An image file, stream or bytes.</summary>
    Image,

    /// <summary>An audio file, stream, bytes or samples.</summary>
    Audio,
}

/// <summary>One pipeline task: its Hugging Face name, its aliases and what it takes.</summary>
/// <param name="Name">The Hugging Face task name, e.g. <c>token-classification</c>.</param>
/// <param name="Aliases">Other names the task answers to, e.g. <c>ner</c>.</param>
/// <param name="Input">The kind of input.</param>
/// <param name="Description">One line for help texts.</param>
public sealed record PipelineTaskInfo(string Name, IReadOnlyList<string> Aliases, TaskInputKind Input, string Description);
