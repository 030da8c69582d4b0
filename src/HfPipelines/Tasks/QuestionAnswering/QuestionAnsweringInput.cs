namespace HfPipelines.Tasks;

/// <summary>A question and the context to find its answer in.</summary>
/// <param name="Question">The question.</param>
/// <param name="Context">The context.</param>
public sealed record QuestionAnsweringInput(string Question, string Context);
