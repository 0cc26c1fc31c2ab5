using System.Text;
using System.Text.Json;

namespace ZonaWelfare.Core.Recipes;

/// <summary>Maps JSON paths (<c>$.steps[1].enable[0]</c>) to the 1-based line where their value starts.</summary>
internal sealed class JsonLineMap
{
    private readonly Dictionary<string, long> _lines;

    private JsonLineMap(Dictionary<string, long> lines) => _lines = lines;

    public long? LineOf(string path)
    {
        for (var current = path; current.Length > 0; current = Parent(current))
        {
            if (_lines.TryGetValue(current, out var line))
            {
                return line;
            }
        }

        return null;
    }

    public static JsonLineMap Build(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var newlines = new List<long>();
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                newlines.Add(i);
            }
        }

        var lines = new Dictionary<string, long>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var stack = new Stack<Frame>();
        string? pendingProperty = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pendingProperty = reader.GetString();
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        stack.Pop();
                        continue;
                }

                var path = NextPath(stack, pendingProperty);
                pendingProperty = null;
                lines.TryAdd(path, LineAt(newlines, reader.TokenStartIndex));
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    stack.Push(new Frame(path, reader.TokenType == JsonTokenType.StartArray));
                }
            }
        }
        catch (JsonException)
        {
            // A malformed document is reported by the parser with its own line; keep what was mapped.
        }

        return new JsonLineMap(lines);
    }

    private static string NextPath(Stack<Frame> stack, string? property)
    {
        if (!stack.TryPeek(out var parent))
        {
            return "$";
        }

        if (parent.IsArray)
        {
            return $"{parent.Path}[{parent.NextIndex++}]";
        }

        return $"{parent.Path}.{property}";
    }

    private static long LineAt(List<long> newlines, long offset)
    {
        var index = newlines.BinarySearch(offset);
        return (index < 0 ? ~index : index) + 1;
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }

    private sealed class Frame(string path, bool isArray)
    {
        public string Path { get; } = path;

        public bool IsArray { get; } = isArray;

        public int NextIndex { get; set; }
    }
}
