using BenchmarkDotNet.Running;
using HfPipelines.Benchmarks.SideBySide;

namespace HfPipelines.Benchmarks;

/// <summary>
/// <c>side-by-side [options]</c>: our pipelines, the bare runtimes and the node peers on the same inputs, one run
/// (see SideBySideSettings). <c>image-stages [fixtures] [rounds]</c>: CPU time per preprocessing stage and fixture image.
/// <c>image-agreement [fixtures]</c>: reduced-size decode against the exact path (pixels, logits, top labels).
/// <c>safetensors [fixtures] [rounds]</c>: the safetensors graph builder: build time, session load and latency against the optimum export.
/// <c>safetensors-base [fixtures]</c>: the first load of a BERT-base-sized safetensors checkpoint (build, session load, one run).
/// Anything else goes to BenchmarkDotNet (<c>--filter *Embed* --job short</c>).
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "side-by-side")
        {
            var settings = SideBySideSettings.Parse(args[1..]);
            LLama.Native.NativeLibraryConfig.All.WithLogCallback((level, message) =>
            {
                if (level >= LLama.Native.LLamaLogLevel.Error)
                {
                    Console.Error.Write(message);
                }
            });
            return await SideBySideRunner.RunAsync(settings);
        }

        if (args.Length > 0 && args[0] == "image-stages")
        {
            return ImageStageProfile.Run(args.Length > 1 ? args[1] : ImageBenchmarkFixtures.PathOf("."), args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 15);
        }

        if (args.Length > 0 && args[0] == "safetensors")
        {
            return SafetensorsBuild.Run(args.Length > 1 ? args[1] : Environment.GetEnvironmentVariable("HFP_FIXTURES") ?? "/work/shared/fixtures", args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 9);
        }

        if (args.Length > 0 && args[0] == "safetensors-base")
        {
            return SafetensorsBaseSize.Run(args.Length > 1 ? args[1] : Environment.GetEnvironmentVariable("HFP_FIXTURES") ?? "/work/shared/fixtures");
        }

        if (args.Length > 0 && args[0] == "image-agreement")
        {
            return ImageDecodeAgreement.Run(args.Length > 1 ? args[1] : ImageBenchmarkFixtures.PathOf("."));
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
