using HfPipelines.Images;
using HfPipelines.Testing;

namespace HfPipelines.Tests.Images;

/// <summary>Why a test of the TurboJPEG path is skipped (the library or a fixture is absent), or null.</summary>
internal static class TurboJpegSkip
{
    public static string? Reason(string[] fixtures)
    {
        if (!TurboJpeg.IsAvailable)
        {
            return Environment.GetEnvironmentVariable(TurboJpeg.DisableVariable) == "1"
                ? $"TurboJPEG is disabled by {TurboJpeg.DisableVariable}=1."
                : "libturbojpeg (libturbojpeg.so.0) is not installed: apt-get install libturbojpeg0 to test the TurboJPEG path.";
        }

        return TestFixtures.FirstMissingReason(fixtures);
    }
}

/// <summary>A fact that is skipped, with the reason, when libturbojpeg or a fixture it needs is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class TurboJpegFactAttribute : FactAttribute
{
    public TurboJpegFactAttribute(params string[] fixtures)
    {
        Skip = TurboJpegSkip.Reason(fixtures);
    }
}

/// <summary>A theory that is skipped, with the reason, when libturbojpeg or a fixture it needs is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class TurboJpegTheoryAttribute : TheoryAttribute
{
    public TurboJpegTheoryAttribute(params string[] fixtures)
    {
        Skip = TurboJpegSkip.Reason(fixtures);
    }
}
