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
