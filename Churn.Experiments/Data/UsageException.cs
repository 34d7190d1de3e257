namespace Churn.Experiments.Data;

/// <summary>A problem with what the user typed or asked for; the CLI prints the message and exits 2.</summary>
public sealed class UsageException(string message) : Exception(message);
