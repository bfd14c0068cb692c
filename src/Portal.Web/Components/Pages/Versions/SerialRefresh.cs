namespace Portal.Web.Components.Pages.Versions;

/// <summary>
/// Runs a component's reload one at a time. Versions change in bursts (a promotion, then its push, then every serving
/// poll): a change that arrives during a reload asks for one more run afterwards, instead of a second reload racing
/// the first, where the older read could finish last and put stale rows back on screen. Call it on the component's
/// dispatcher (inside InvokeAsync), which is what makes the two flags safe without a lock.
/// </summary>
internal sealed class SerialRefresh(Func<Task> reload)
{
    private bool running;
    private bool again;

    public async Task RunAsync()
    {
        if (running)
        {
            again = true;
            return;
        }
        running = true;
        try
        {
            do
            {
                again = false;
                await reload();
            }
            while (again);
        }
        finally
        {
            running = false;
        }
    }
}
