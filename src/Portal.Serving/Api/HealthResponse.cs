using System.Text.Json.Serialization;

namespace Portal.Serving.Api;

/// <summary>GET /healthz: "ok" with the version served, or "loading" / "failed" (with the reason) while nothing is.</summary>
internal sealed record HealthResponse(
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Version = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null)
{
    public const string Ok = "ok";
    public const string Loading = "loading";
    public const string Failed = "failed";
}
