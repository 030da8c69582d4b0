namespace HfPipelines.Fallback;

/// <summary>Both backends of a fallback failed; <see cref="Errors"/> holds each failure in the order tried.</summary>
public sealed class AllBackendsFailedException : HfPipelinesException
{
    /// <summary>Creates an exception with no message.</summary>
    public AllBackendsFailedException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public AllBackendsFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the last failure.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The last failure.</param>
    public AllBackendsFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [innerException];
    }

    /// <summary>Creates an exception from every failure, in the order tried.</summary>
    /// <param name="task">The task (or <c>chat</c>).</param>
    /// <param name="errors">The failures, with the backend that raised each.</param>
    public AllBackendsFailedException(string task, IReadOnlyList<(string Backend, Exception Error)> errors)
        : base(Describe(task, errors), errors[^1].Error)
    {
        Errors = [.. errors.Select(e => e.Error)];
    }

    /// <summary>The failures in the order the backends were tried.</summary>
    public IReadOnlyList<Exception> Errors { get; } = [];

    private static string Describe(string task, IReadOnlyList<(string Backend, Exception Error)> errors) =>
        $"{task} failed on every backend: {string.Join("; ", errors.Select(e => $"{e.Backend}: {e.Error.GetType().Name}: {e.Error.Message}"))}. Fix one of them (see each message).";
}
