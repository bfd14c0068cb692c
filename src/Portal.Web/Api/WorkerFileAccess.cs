using Portal.Core.Training;
using Portal.Web.Services.Training;

namespace Portal.Web.Api;

/// <summary>The checks every file request makes, cheapest first: area and name, then the lease, then the job.</summary>
internal sealed class WorkerFileAccess(ITrainingJobStore store, JobFileAreas areas)
{
    public async Task<(JobFileArea? Area, IResult? Problem)> OpenAsync(
        HttpContext context, long id, string area, IReadOnlyList<string> allowed, string? name, CancellationToken cancellationToken)
    {
        if (!allowed.Contains(area))
            return (null, BadRequest($"The area must be one of: {string.Join(", ", allowed)}."));
        if (name is not null && !WorkerFileName.IsValid(name))
            return (null, BadRequest($"\"{name}\" is not a plain file name (no separators, no \"..\", no leading dot, at most {WorkerFileName.MaxLength} characters)."));

        var leaseId = context.Request.Headers[WorkerFileEndpoints.LeaseHeader].ToString();
        if (leaseId.Length == 0 || !await store.IsLeaseCurrentAsync(new JobLease(id, leaseId), cancellationToken))
            return (null, Results.Problem(title: "Lease not current",
                detail: $"Send the lease of your claim on job {id} in {WorkerFileEndpoints.LeaseHeader}; the job is not running under that lease (it expired, was taken over, or ended).",
                statusCode: StatusCodes.Status409Conflict));

        var job = await store.FindAsync(id, cancellationToken);
        var folder = job is null ? null : await areas.FindAsync(job, area, cancellationToken);
        return folder is null ? (null, WorkerFileEndpoints.NoFiles(id, area)) : (folder, null);
    }

    private static IResult BadRequest(string detail) =>
        Results.Problem(title: "Invalid file request", detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
