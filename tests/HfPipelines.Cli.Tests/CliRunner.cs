using HfPipelines.Hub;
using HfPipelines.Pipelines;
using HfPipelines.Composition;

namespace HfPipelines.Cli.Tests;

/// <summary>
/// Runs <c>hfp</c> in-process with captured output, on the real local backends with an empty, offline Hugging Face
/// home of its own (so model references resolve to local folders, the embedded model, or a clear error).
/// </summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var home = Path.Combine(Path.GetTempPath(), "hfp-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            var context = new CliContext(stdout, stderr)
            {
                PipelineProviderFactory = () => Pipeline.CreateProvider(
                    HubOptions.FromVariables(name => name switch
                    {
                        "HF_HOME" => home,
                        "HF_HUB_OFFLINE" => "1",
                        _ => null,
                    }),
                    Composition.CliBackends.Registrations),
            };
            var code = await CliApp.RunAsync(args, context);
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            if (Directory.Exists(home))
            {
                Directory.Delete(home, recursive: true);
            }
        }
    }
}
