namespace HfPipelines.Pipelines;

/// <summary>Recovers a task descriptor's input, options and result types (see <see cref="PipelineTask.Accept{TReturn}"/>).</summary>
/// <typeparam name="TReturn">What the visit returns.</typeparam>
public interface IPipelineTaskVisitor<out TReturn>
{
    /// <summary>Called with the typed descriptor.</summary>
    /// <typeparam name="TInput">The task input.</typeparam>
    /// <typeparam name="TOptions">The task options.</typeparam>
    /// <typeparam name="TResult">The task result.</typeparam>
    /// <param name="task">The descriptor.</param>
    /// <returns>The visit's value.</returns>
    TReturn Visit<TInput, TOptions, TResult>(PipelineTask<TInput, TOptions, TResult> task)
        where TOptions : class, new();
}
