using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Portal.GitOps.Tests.Packaging;

/// <summary>One instruction of a Dockerfile: continuation lines joined, comments dropped, a here-document's body kept.</summary>
public sealed record DockerInstruction(string Keyword, string Arguments, string? HereDocument)
{
    /// <summary>The exec form of ENTRYPOINT, CMD or RUN (a JSON array), or null for the shell form.</summary>
    public IReadOnlyList<string>? ExecForm =>
        Arguments.StartsWith('[') ? JsonSerializer.Deserialize<string[]>(Arguments) : null;
}

/// <summary>One build stage: its FROM image (global ARG defaults substituted), its name, and its instructions.</summary>
public sealed record DockerStage(string Image, string? Name, IReadOnlyList<DockerInstruction> Instructions)
{
    public IEnumerable<DockerInstruction> All(string keyword) =>
        Instructions.Where(i => i.Keyword.Equals(keyword, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<string> Runs => All("RUN").Select(i => i.Arguments);

    /// <summary>ARG declarations of the stage, name to default ("" when none is given).</summary>
    public IReadOnlyDictionary<string, string> Args => DockerfileText.ParseArgs(All("ARG"));

    /// <summary>ENV settings of the stage, in the KEY=value form.</summary>
    public IReadOnlyDictionary<string, string> Env => All("ENV")
        .SelectMany(i => Regex.Matches(i.Arguments, """(?<key>[A-Za-z_][A-Za-z0-9_]*)=(?<value>"[^"]*"|\S+)"""))
        .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value.Trim('"'));
}

public sealed partial class DockerfileText
{
    public required IReadOnlyDictionary<string, string> GlobalArgs { get; init; }
    public required IReadOnlyList<DockerStage> Stages { get; init; }

    public DockerStage FinalStage => Stages[^1];

    public DockerStage Stage(string name) => Stages.Single(s => s.Name == name);

    public static DockerfileText Load(string path)
    {
        var instructions = Parse(File.ReadAllLines(path));
        var globalArgs = ParseArgs(instructions.TakeWhile(i => i.Keyword != "FROM"));
        var stages = new List<DockerStage>();
        foreach (var instruction in instructions.SkipWhile(i => i.Keyword != "FROM"))
        {
            if (instruction.Keyword == "FROM")
            {
                var from = FromPattern().Match(instruction.Arguments);
                var image = ArgReference().Replace(from.Groups["image"].Value,
                    m => globalArgs.GetValueOrDefault(m.Groups["name"].Value, m.Value));
                stages.Add(new DockerStage(image, from.Groups["name"].Success ? from.Groups["name"].Value : null, []));
            }
            else
            {
                var stage = stages[^1];
                stages[^1] = stage with { Instructions = [.. stage.Instructions, instruction] };
            }
        }
        return new DockerfileText { GlobalArgs = globalArgs, Stages = stages };
    }

    internal static IReadOnlyDictionary<string, string> ParseArgs(IEnumerable<DockerInstruction> args) => args
        .Where(i => i.Keyword == "ARG")
        .Select(i => i.Arguments.Split('=', 2))
        .ToDictionary(parts => parts[0].Trim(), parts => parts.Length == 2 ? parts[1].Trim().Trim('"') : "");

    private static List<DockerInstruction> Parse(string[] lines)
    {
        var instructions = new List<DockerInstruction>();
        var current = new StringBuilder();
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index];
            if (line.TrimStart().StartsWith('#') || (current.Length == 0 && string.IsNullOrWhiteSpace(line)))
                continue;
            if (line.EndsWith('\\'))
            {
                current.Append(line[..^1]).Append(' ');
                continue;
            }
            current.Append(line);
            var text = current.ToString().Trim();
            current.Clear();

            var hereDocument = HereDocumentStart().Match(text);
            string? body = null;
            if (hereDocument.Success)
            {
                var terminator = hereDocument.Groups["word"].Value;
                var bodyLines = new List<string>();
                while (++index < lines.Length && lines[index] != terminator)
                    bodyLines.Add(lines[index]);
                body = string.Join('\n', bodyLines) + "\n";
            }
            var split = text.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
            instructions.Add(new DockerInstruction(split[0].ToUpperInvariant(), split.Length > 1 ? split[1] : "", body));
        }
        return instructions;
    }

    [GeneratedRegex("""^(--platform=\S+\s+)?(?<image>\S+)(\s+AS\s+(?<name>\S+))?$""", RegexOptions.IgnoreCase)]
    private static partial Regex FromPattern();

    [GeneratedRegex("""\$\{?(?<name>[A-Za-z_][A-Za-z0-9_]*)\}?""")]
    private static partial Regex ArgReference();

    [GeneratedRegex("""<<-?(['"]?)(?<word>[A-Za-z_]+)\1""")]
    private static partial Regex HereDocumentStart();
}
