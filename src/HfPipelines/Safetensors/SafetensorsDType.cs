namespace HfPipelines.Safetensors;

/// <summary>The element types of a safetensors file (the header's <c>dtype</c>, e.g. <c>F32</c>, <c>BF16</c>, <c>BOOL</c>).</summary>
public enum SafetensorsDType
{
    /// <summary>Boolean, one byte.</summary>
    Bool,

    /// <summary>Unsigned 8-bit integer.</summary>
    U8,

    /// <summary>Signed 8-bit integer.</summary>
    I8,

    /// <summary>Signed 16-bit integer.</summary>
    I16,

    /// <summary>Unsigned 16-bit integer.</summary>
    U16,

    /// <summary>Signed 32-bit integer.</summary>
    I32,

    /// <summary>Unsigned 32-bit integer.</summary>
    U32,

    /// <summary>Signed 64-bit integer.</summary>
    I64,

    /// <summary>Unsigned 64-bit integer.</summary>
    U64,

    /// <summary>IEEE half precision.</summary>
    F16,

    /// <summary>bfloat16 (the high 16 bits of a float32).</summary>
    BF16,

    /// <summary>IEEE single precision.</summary>
    F32,

    /// <summary>IEEE double precision.</summary>
    F64,
}
