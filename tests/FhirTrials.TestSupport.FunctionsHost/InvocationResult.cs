namespace FhirTrials.TestSupport.FunctionsHost;

/// <summary>What the worker answered to one invocation: success, or the exception the function threw.</summary>
public sealed record InvocationResult(string FunctionName, string InvocationId, bool Succeeded, string? Exception);
