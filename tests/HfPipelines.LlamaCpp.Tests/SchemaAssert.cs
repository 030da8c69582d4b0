using System.Text.Json;

namespace HfPipelines.LlamaCpp.Tests;

/// <summary>Checks a JSON value against the JSON-schema subset the tests' tools use.</summary>
internal static class SchemaAssert
{
    public static void Matches(JsonElement schema, JsonElement value, string path = "$")
    {
        if (schema.TryGetProperty("enum", out var values))
        {
            Assert.True(values.EnumerateArray().Any(v => v.GetRawText() == value.GetRawText()), $"{path}: {value} not in enum");
            return;
        }

        var type = schema.TryGetProperty("type", out var t) ? t.GetString() : null;
        switch (type)
        {
            case "object":
                Assert.Equal(JsonValueKind.Object, value.ValueKind);
                var properties = schema.GetProperty("properties");
                foreach (var required in schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()!) : [])
                {
                    Assert.True(value.TryGetProperty(required, out _), $"{path}: missing {required}");
                }

                foreach (var property in value.EnumerateObject())
                {
                    Assert.True(properties.TryGetProperty(property.Name, out var sub), $"{path}: unexpected {property.Name}");
                    Matches(sub, property.Value, $"{path}.{property.Name}");
                }

                break;
            case "string":
                Assert.Equal(JsonValueKind.String, value.ValueKind);
                break;
            case "integer":
                Assert.True(value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _), $"{path}: {value} is not an integer");
                break;
            case "number":
                Assert.Equal(JsonValueKind.Number, value.ValueKind);
                break;
            case "boolean":
                Assert.True(value.ValueKind is JsonValueKind.True or JsonValueKind.False, $"{path}: not a boolean");
                break;
            case "array":
                Assert.Equal(JsonValueKind.Array, value.ValueKind);
                foreach (var item in value.EnumerateArray())
                {
                    Matches(schema.GetProperty("items"), item, path + "[]");
                }

                break;
        }
    }
}
