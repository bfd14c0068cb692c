namespace Portal.Web.Services.Versions;

/// <summary>Raises a change event so that every subscriber hears it, whatever one of them throws.</summary>
internal static class Subscribers
{
    public static void Notify(Action? handlers, ILogger logger)
    {
        if (handlers is null)
            return;
        foreach (var handler in handlers.GetInvocationList().Cast<Action>())
        {
            try
            {
                handler();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogWarning(e, "A subscriber to version changes failed");
            }
        }
    }
}
