using Portal.Core.Verses;

namespace Portal.Web.Api;

/// <summary>Maps a verse change to its HTTP answer; every failure is an RFC 7807 problem with a reason a person can act on.</summary>
internal static class VerseResults
{
    public static IResult ToHttp(this VerseWriteResult result, Func<Verse, IResult> onSuccess) => result.Status switch
    {
        VerseWriteStatus.Ok => onSuccess(result.Verse!),
        VerseWriteStatus.NotFound => Results.Problem(title: "Verse not found", detail: result.Message, statusCode: StatusCodes.Status404NotFound),
        VerseWriteStatus.Forbidden => Results.Problem(title: "Not your verse", detail: result.Message, statusCode: StatusCodes.Status403Forbidden),
        VerseWriteStatus.Conflict => Results.Problem(title: "Edit conflict", detail: result.Message, statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["current"] = VerseResponse.From(result.Verse!) }),
        VerseWriteStatus.Duplicate => Results.Problem(title: "Duplicate verse", detail: result.Message, statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["duplicateOf"] = result.DuplicateOfId }),
        _ => Results.Problem(title: "Invalid verse", detail: result.Message, statusCode: StatusCodes.Status400BadRequest),
    };

    public static IResult Invalid(IReadOnlyList<string> errors) => Results.Problem(
        title: "Invalid verse",
        detail: string.Join(" ", errors),
        statusCode: StatusCodes.Status400BadRequest,
        extensions: new Dictionary<string, object?> { ["errors"] = errors });
}
