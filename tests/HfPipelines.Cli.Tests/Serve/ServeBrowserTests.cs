using System.Diagnostics;

namespace HfPipelines.Cli.Tests.Serve;

/// <summary>The demo page in headless Chromium (Playwright, scripts/browser/check-page.mjs) against fake pipelines.</summary>
public sealed class ServeBrowserTests
{
    [BrowserFact]
    public async Task DemoPage_ClickedThroughInChromium_ChecksPassAndScreenshotsSaved()
    {
        var root = BrowserFactAttribute.RepositoryRoot()!;
        var shots = Path.Combine(root, "docs", "screenshots");
        string[] names = ["text-classification.png", "zero-shot.png", "image-classification.png", "chat.png"];
        foreach (var name in names)
        {
            File.Delete(Path.Combine(shots, name));
        }

        await using var server = await ServeTestServer.StartAsync();
        var start = new ProcessStartInfo(BrowserFactAttribute.FindNode()!)
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])[Path.Combine("scripts", "browser", "check-page.mjs"), server.BaseUrl.ToString().TrimEnd('/'), shots])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(process.ExitCode == 0, $"check-page.mjs exited {process.ExitCode}:\n{await output}\n{await error}");
        Assert.All(names, name => Assert.True(new FileInfo(Path.Combine(shots, name)).Length > 1000, $"{name} was not saved"));
    }
}
