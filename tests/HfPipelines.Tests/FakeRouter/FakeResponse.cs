using System.Text;

namespace HfPipelines.Tests.FakeRouter;

/// <summary>What the fake server does with one request: answer, drop the connection, hang, or stream events.</summary>
public sealed class FakeResponse
{
    public int Status { get; init; } = 200;

    public string ContentType { get; init; } = "application/json";

    public byte[] Body { get; init; } = [];

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Close the socket without answering.</summary>
    public bool Drop { get; init; }

    /// <summary>Never answer (until the client gives up or the server is disposed).</summary>
    public bool Hang { get; init; }

    /// <summary>Server-sent events: each item is written as one <c>data:</c> line.</summary>
    public IReadOnlyList<string>? Events { get; init; }

    public static FakeResponse Json(string json, int status = 200, IReadOnlyDictionary<string, string>? headers = null) =>
        new() { Status = status, Body = Encoding.UTF8.GetBytes(json), Headers = headers ?? new Dictionary<string, string>() };

    public static FakeResponse Error(int status, string message, IReadOnlyDictionary<string, string>? headers = null) =>
        Json($$"""{"error": {{System.Text.Json.JsonSerializer.Serialize(message)}}}""", status, headers);

    public static FakeResponse Redirect(Uri location) =>
        new() { Status = 307, Headers = new Dictionary<string, string> { ["Location"] = location.ToString() } };

    public static FakeResponse Dropped() => new() { Drop = true };

    public static FakeResponse Hanging() => new() { Hang = true };

    public static FakeResponse Sse(params string[] events) => new() { ContentType = "text/event-stream", Events = events };
}
