namespace TokenIssuer;

/// <summary>A stored managed key this instance cannot use. The message names the key and the store, never the payload.</summary>
internal sealed class ManagedKeyUnprotectException : Exception
{
    public ManagedKeyUnprotectException(JwtStoredKey record, string storeDescription, string problem, Exception? inner)
        : base($"TokenIssuer cannot use managed signing key {record.KeyId} of key \"{record.KeyName}\" from {storeDescription}: {problem}", inner)
    {
        KeyId = record.KeyId;
        KeyName = record.KeyName;
    }

    public string KeyId { get; }

    public string KeyName { get; }
}
