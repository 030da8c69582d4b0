namespace HfPipelines.Onnx;

/// <summary>One output of one model input: row-major data and its shape without the batch dimension; a
/// sequence dimension is cut to the input's own length (padding removed).</summary>
/// <param name="Data">The values.</param>
/// <param name="Shape">The shape.</param>
public sealed record OutputTensor(float[] Data, int[] Shape)
{
    /// <summary>Row <paramref name="index"/> along the first axis (e.g. one token's logits).</summary>
    /// <param name="index">The row.</param>
    /// <returns>The row's values.</returns>
    public ReadOnlySpan<float> Row(int index)
    {
        var width = Shape.Length == 0 ? 1 : Data.Length / Math.Max(Shape[0], 1);
        return Data.AsSpan(index * width, width);
    }
}
