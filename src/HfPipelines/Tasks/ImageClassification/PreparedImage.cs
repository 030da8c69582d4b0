namespace HfPipelines.Tasks;

/// <summary>One preprocessed image as the model takes it: CHW float pixels (the model input of <see cref="ImageClassificationPipeline"/>).</summary>
/// <param name="Pixels">The CHW data.</param>
/// <param name="Height">H.</param>
/// <param name="Width">W.</param>
public sealed record PreparedImage(float[] Pixels, int Height, int Width);
