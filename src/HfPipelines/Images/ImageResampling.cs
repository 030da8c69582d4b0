namespace HfPipelines.Images;

/// <summary>Resampling filters, numbered like PIL's (and <c>resample</c> in preprocessor_config.json).</summary>
public enum ImageResampling
{
    /// <summary>Nearest neighbour (PIL 0).</summary>
    Nearest = 0,

    /// <summary>Lanczos, a = 3 (PIL 1).</summary>
    Lanczos = 1,

    /// <summary>Bilinear / triangle filter (PIL 2).</summary>
    Bilinear = 2,

    /// <summary>Bicubic, a = -0.5 (PIL 3).</summary>
    Bicubic = 3,

    /// <summary>Box filter (PIL 4).</summary>
    Box = 4,

    /// <summary>Hamming filter (PIL 5).</summary>
    Hamming = 5,
}
