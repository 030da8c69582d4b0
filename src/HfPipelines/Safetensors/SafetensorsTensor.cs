namespace HfPipelines.Safetensors;

/// <summary>One tensor of a safetensors file, as its header describes it. Immutable.</summary>
/// <param name="Name">The tensor's name, e.g. <c>embeddings.word_embeddings.weight</c>.</param>
/// <param name="DType">Its element type.</param>
/// <param name="Shape">Its dimensions (empty for a scalar).</param>
/// <param name="Offset">Where its bytes start in the file's data section.</param>
/// <param name="Length">How many bytes it takes.</param>
public sealed record SafetensorsTensor(string Name, SafetensorsDType DType, IReadOnlyList<long> Shape, long Offset, long Length)
{
    /// <summary>The number of elements (the product of the dimensions; 1 for a scalar).</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, d) => a * d);

    /// <summary>The size of one element in bytes.</summary>
    /// <param name="type">The element type.</param>
    /// <returns>1, 2, 4 or 8.</returns>
    public static int ElementSize(SafetensorsDType type) => type switch
    {
        SafetensorsDType.Bool or SafetensorsDType.U8 or SafetensorsDType.I8 => 1,
        SafetensorsDType.I16 or SafetensorsDType.U16 or SafetensorsDType.F16 or SafetensorsDType.BF16 => 2,
        SafetensorsDType.I32 or SafetensorsDType.U32 or SafetensorsDType.F32 => 4,
        _ => 8,
    };
}
