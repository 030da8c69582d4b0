using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace HfPipelines.Cli.Tests.Serve;

/// <summary>
/// A real <c>hfp serve</c> process (embedded model) gets SIGINT while a request is in flight (its body half sent): it
/// says it is stopping, answers the request once the body arrives, exits 0, and nothing else reaches stderr (ONNX
/// Runtime used to log an error from a session released while in use, and the client got no answer).
/// </summary>
public sealed class ServeShutdownProcessTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("hfp-serve-stop-").FullName;

    [Fact]
    public async Task Serve_SigintWithRequestInFlight_AnswersThenExitsZero()
    {
        var environment = new Dictionary<string, string?> { ["HF_HOME"] = _home, ["HF_HUB_OFFLINE"] = "1" };
        using var process = HfpProcess.Start(HfpProcess.Dotnet, [HfpProcess.HfpDll, "serve", "--urls", "http://127.0.0.1:0"], environment);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            var listening = await process.StandardOutput.ReadLineAsync(guard.Token) ?? string.Empty;
            var url = new Uri(listening.Split(' ')[4]);
            var body = """{"inputs": "hello world"}"""u8.ToArray();
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(url.Host, url.Port, guard.Token);
            var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /models/sentence-transformers/all-MiniLM-L6-v2/pipeline/feature-extraction HTTP/1.0\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"), guard.Token);
            await stream.WriteAsync(body.AsMemory(0, 5), guard.Token);
            await WaitInFlightAsync(url, guard.Token);

            Signal(process.Id, "INT");
            var stopping = await ReadUntilAsync(process.StandardError, "hfp serve:", guard.Token);
            await stream.WriteAsync(body.AsMemory(5), guard.Token);
            var response = await new StreamReader(stream).ReadToEndAsync(guard.Token);
            await process.WaitForExitAsync(guard.Token);
            var rest = await process.StandardError.ReadToEndAsync(guard.Token);

            Assert.Equal("hfp serve: stopping; 1 request(s) in flight get up to 30 s to finish.", stopping);
            Assert.Matches("^HTTP/1.[01] 200 OK", response);
            Assert.Equal(384, JsonDocument.Parse(response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]).RootElement.GetArrayLength());
            Assert.Equal(0, process.ExitCode);
            Assert.DoesNotContain("\"level\":\"Error\"", rest, StringComparison.Ordinal);
            Assert.DoesNotContain("onnxruntime", rest, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);

    /// <summary>The first stderr line with this start (the request log lines, JSON, come before).</summary>
    private static async Task<string?> ReadUntilAsync(StreamReader reader, string start, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith(start, StringComparison.Ordinal))
            {
                return line;
            }
        }

        return null;
    }

    /// <summary>Asks /health until it counts the half-sent request (it does not count its own).</summary>
    private static async Task WaitInFlightAsync(Uri url, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = url };
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            using var health = JsonDocument.Parse(await client.GetStringAsync(new Uri("/health", UriKind.Relative), cancellationToken));
            if (health.RootElement.GetProperty("in_flight").GetInt32() >= 1)
            {
                return;
            }
        }

        throw new InvalidOperationException("The half-sent request never showed in /health.");
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
