using System.Globalization;
using System.Text;

namespace HfPipelines.Testing.FakeHub;

/// <summary>
/// A hostile or broken Hub drawn from a seed, for fuzz tests: the repo <c>org/fuzz</c> (a small file, an LFS file, an
/// empty file) whose revision answer, file metadata (HEAD) and bodies (GET) may each be replaced by one fault from the
/// lists below: odd JSON shapes, bad names, lying sizes, bad ETags, redirect loops and escapes, odd statuses, endless
/// bodies. The same seed gives the same Hub. <see cref="Describe"/> names the faults chosen.
/// </summary>
internal sealed class HostileHub
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";

    private readonly FakeHubServer _server;
    private readonly FakeHubRepo _repo;
    private readonly Random _random;
    private readonly int _apiFault;
    private readonly int _headFault;
    private readonly int _getFault;
    private readonly string _target;
    private readonly FakeHubResponse? _api;

    public HostileHub(FakeHubServer server, int seed)
    {
        _server = server;
        _random = new Random(seed);
        _repo = server.AddRepo("org/fuzz");
        _repo.AddText("config.json", "{\"model_type\":\"bert\"}");
        _repo.AddFile("onnx/model.onnx", RandomBytes(2000), lfs: true);
        _repo.AddFile("empty.txt", []);
        _apiFault = _random.Next(2) == 0 ? 0 : _random.Next(1, ApiFaults); // half the cases get past the file list
        _headFault = _random.Next(3) == 0 ? 0 : _random.Next(1, HeadFaults);
        _getFault = _random.Next(4) == 0 ? 0 : _random.Next(1, GetFaults);
        _target = _random.Next(3) switch { 0 => "config.json", 1 => "onnx/model.onnx", _ => "empty.txt" };
        _api = ApiAnswer();
        server.Intercept = Answer;
    }

    public const int ApiFaults = 12;
    public const int HeadFaults = 9;
    public const int GetFaults = 10;

    public string Describe() => $"api fault {_apiFault}, head fault {_headFault}, get fault {_getFault} on {_target}";

    private FakeHubResponse? Answer(FakeHubRequest request)
    {
        var path = request.Path.Split('?')[0];
        if (path.StartsWith("/api/", StringComparison.Ordinal))
        {
            return _api;
        }

        if (path.StartsWith("/loop/", StringComparison.Ordinal))
        {
            return Redirect(path == "/loop/a" ? "/loop/b" : "/loop/a");
        }

        var isTarget = path.EndsWith("/" + _target, StringComparison.Ordinal)
            || (_target == "onnx/model.onnx" && path.StartsWith("/lfs-cdn/", StringComparison.Ordinal));
        if (!isTarget)
        {
            return null;
        }

        lock (_random)
        {
            return request.Method == "HEAD" && !path.StartsWith("/lfs-cdn/", StringComparison.Ordinal) ? HeadAnswer() : request.Method == "GET" ? GetAnswer() : null;
        }
    }

    private FakeHubResponse? ApiAnswer()
    {
        var siblings = new[] { "config.json", "onnx/model.onnx", "empty.txt" };
        string Listing(string entries) => $"{{\"sha\":\"{_repo.Commit}\",\"siblings\":[{entries}]}}";
        return _apiFault switch
        {
            0 => null,
            1 => new FakeHubResponse(200, RandomBytes(_random.Next(0, 3000))),
            2 => FakeHubResponse.Json(Listing(string.Join(',', siblings.Select(s => $"{{\"rfilename\":\"{s}\"}}")))[.._random.Next(0, 60)]),
            3 => FakeHubResponse.Json(Listing(string.Join(',', siblings.Select(s => Pick(
                $"{{\"rfilename\":\"{s}\"}}", "{}", "1", "null", "[]", "{\"rfilename\":7}", "{\"rfilename\":{\"a\":1}}", "{\"rfilename\":\"\"}",
                "{\"rfilename\":\"../x\"}", "{\"rfilename\":\"a//b\"}", "{\"rfilename\":\"config.json/x\"}", "{\"rfilename\":\"/abs\"}",
                $"{{\"rfilename\":\"{new string('a', 5000)}\"}}", "{\"rfilename\":\"\\u0000\"}", "{\"rfilename\":\"ok\\\\x\"}"))))),
            4 => FakeHubResponse.Json(Pick("{\"sha\":5}", "{\"sha\":\"abc\"}", "{\"sha\":null}", $"{{\"sha\":\"{Sha}\",\"siblings\":5}}", $"{{\"sha\":\"{Sha}\",\"siblings\":{{}}}}", "{\"siblings\":[]}")),
            5 => FakeHubResponse.Status(Pick(204, 304, 400, 401, 403, 404, 410, 418, 429, 500, 503, 599)),
            6 => new FakeHubResponse(200, Encoding.ASCII.GetBytes(new string(' ', 65_536))) { Endless = true, EndlessLimit = 32L << 20 },
            7 => new FakeHubResponse(200, Encoding.UTF8.GetBytes(Listing("{\"rfilename\":\"config.json\"}"))) { AnnouncedLength = 1_000_000 },
            8 => FakeHubResponse.Json(Pick("1", "\"x\"", "[]", "null", "true", new string('[', 5000))),
            9 => Redirect(Pick("/loop/a", "file:///etc/passwd", "http://localhost:" + _server.Port.ToString(CultureInfo.InvariantCulture) + "/api/x", "//", "../../..")),
            10 => FakeHubResponse.Json(Listing("{\"rfilename\":\"x\"},{\"rfilename\":\"x/y\"},{\"rfilename\":\"config.json\"},{\"rfilename\":\"config.json\"}")),
            _ => new FakeHubResponse(200, Encoding.UTF8.GetBytes(Listing("{\"rfilename\":\"config.json\"}"))) { AnnouncedLength = -1, ContentType = "text/html" },
        };
    }

    private FakeHubResponse? HeadAnswer()
    {
        var file = _repo.Files[_target];
        var headers = new List<(string, string)> { ("X-Repo-Commit", _repo.Commit), ("ETag", "\"" + file.Etag + "\"") };
        FakeHubResponse With(long? length, params (string, string)[] extra)
        {
            var response = new FakeHubResponse(200, []) { AnnouncedLength = length };
            response.Headers.AddRange(extra.Length > 0 ? extra : headers);
            return response;
        }

        var size = file.Content.Length;
        return _headFault switch
        {
            0 => null,
            1 => With(size, ("X-Repo-Commit", _repo.Commit), ("ETag", "\"" + Pick(".", "..", file.Etag + ".incomplete", "", "a/b", "a b", "ünï", new string('a', 300), "x.lock", "\\x", "W/\"w\"", "COM1", "-") + "\"")),
            2 => With(size, ("X-Repo-Commit", _repo.Commit), ("ETag", "\"" + file.Etag + "\""), ("X-Linked-Size", Pick("-1", "abc", "99999999999999999999", "1e3", "0", (size - 1).ToString(CultureInfo.InvariantCulture), (size + 1).ToString(CultureInfo.InvariantCulture), "9223372036854775807"))),
            3 => With(size, Pick(("X-Repo-Commit", _repo.Commit), ("ETag", "\"" + file.Etag + "\""), ("X-Other", "1"))),
            4 => Redirect(Pick("/loop/a", "file:///etc/passwd", "/../../x", "//", "/lfs-cdn/%2e%2e/x", "http://localhost:" + _server.Port.ToString(CultureInfo.InvariantCulture) + "/nowhere", "gopher://x/")),
            5 => FakeHubResponse.Status(Pick(204, 206, 304, 400, 403, 404, 416, 418, 429, 500, 503)),
            6 => With(Pick(-1L, 0L, 1L, 10_000_000_000L), headers.ToArray()),
            7 => With(size, ("X-Repo-Commit", Pick("main", "../x", Sha, "")), ("ETag", "\"" + file.Etag + "\"")),
            _ => With(-1, ("X-Repo-Commit", _repo.Commit), ("ETag", "\"" + file.Etag + "\"")),
        };
    }

    private FakeHubResponse? GetAnswer()
    {
        var content = _repo.Files[_target].Content;
        return _getFault switch
        {
            0 => null,
            1 => new FakeHubResponse(200, content[..(content.Length / 2)]),
            2 => new FakeHubResponse(200, [.. content, .. RandomBytes(_random.Next(1, 5000))]),
            3 => new FakeHubResponse(200, RandomBytes(4096)) { Endless = true, EndlessLimit = 32L << 20 },
            4 => new FakeHubResponse(200, RandomBytes(_random.Next(0, 5000))) { AnnouncedLength = -1 },
            5 => FakeHubResponse.Status(Pick(204, 206, 301, 304, 400, 403, 404, 416, 418, 429, 500, 503)),
            6 => new FakeHubResponse(206, content) { Headers = { ("Content-Range", $"bytes 7-{content.Length + 6}/{content.Length + 7}") } },
            7 => Redirect("/loop/a"),
            8 => new FakeHubResponse(200, content.Length == 0 ? [1] : [(byte)(content[0] ^ 0xFF), .. content[1..]]),
            _ => new FakeHubResponse(200, content) { AnnouncedLength = content.Length + 100 },
        };
    }

    private static FakeHubResponse Redirect(string location) => new(302, []) { Headers = { ("Location", location) } };

    private T Pick<T>(params T[] choices) => choices[_random.Next(choices.Length)];

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }
}
