using System.Text;
using System.Text.Json;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.BadInput;

/// <summary>Everything a problem-details answer says to a person: title, detail, validation errors and an import report's problems.</summary>
internal static class ProblemText
{
    public static async Task<string> ReadAllAsync(HttpResponseMessage response)
    {
        var problem = await response.ReadProblemAsync();
        var text = new StringBuilder();
        foreach (var name in new[] { "title", "detail" })
        {
            if (problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                text.AppendLine(value.GetString());
        }
        if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in errors.EnumerateObject())
                text.AppendJoin(Environment.NewLine, field.Value.EnumerateArray().Select(m => $"{field.Name}: {m.GetString()}")).AppendLine();
        }
        if (problem.TryGetProperty("report", out var report))
        {
            text.AppendJoin(Environment.NewLine, report.GetProperty("fileErrors").EnumerateArray().Select(e => e.GetString())).AppendLine();
            text.AppendJoin(Environment.NewLine, report.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("reason").GetString()));
        }
        return text.ToString();
    }
}
