using StackExchange.Redis;

namespace TokenIssuer.KeyStores.Tests;

/// <summary>
/// The store contract on a real Redis server. Each test has a hash key of its own, and an ACL user with a
/// password of its own, so that the description is checked against a real secret.
/// </summary>
public sealed class RedisKeyStoreTests : KeyStoreContractTests
{
    private readonly string _key = $"tokenissuer-tests:{Guid.NewGuid():N}";
    private readonly string _user = $"tokenissuer-test-{Guid.NewGuid():N}";
    private readonly string _password = $"s3cret-{Guid.NewGuid():N}";
    private ConnectionMultiplexer? _admin;

    protected override string? Secret => _password;

    protected override IReadOnlyList<string> DescriptionNames => [_key, EndPoint()];

    protected override IReadOnlyList<string> ChildArguments => ["redis", Configuration(), _key];

    protected override async Task CreateNamespaceAsync()
    {
        try
        {
            _admin = await ConnectionMultiplexer.ConnectAsync($"{TestServers.Redis},connectTimeout=5000,abortConnect=true");
        }
        catch (RedisConnectionException e)
        {
            throw TestServers.Unreachable("Redis", TestServers.Redis, TestServers.RedisVariable, e);
        }
        // A user that may touch this test's key only: a real password, and proof that the store uses no other key.
        await _admin.GetDatabase().ExecuteAsync("ACL", "SETUSER", _user, "on", $">{_password}", $"~{_key}", "+@all");
    }

    protected override async Task DeleteNamespaceAsync()
    {
        if (_admin is null) return;
        await _admin.GetDatabase().KeyDeleteAsync(_key);
        await _admin.GetDatabase().ExecuteAsync("ACL", "DELUSER", _user);
        await _admin.DisposeAsync();
    }

    protected override async Task<IAsyncDisposable> CreateHostAsync(int index)
        => await StoreHosts.RedisAsync(Configuration(), _key, throughFactory: index % 2 == 1);

    [Fact]
    public async Task RecordsAreOneHashOfJsonByKid()
    {
        var store = await NewStoreAsync();
        var key = NewKey("signing");
        await store.TryAddKeyAsync(key, CancellationToken.None);

        var fields = await _admin!.GetDatabase().HashGetAllAsync(_key);

        var field = Assert.Single(fields);
        Assert.Equal(key.KeyId, field.Name.ToString());
        Assert.Equal(JwtStoredKeyJson.Serialize(key), field.Value.ToString());
    }

    [Fact]
    public async Task ADamagedFieldFailsTheLoadNamingTheFieldAndTheHash()
    {
        var store = await NewStoreAsync();
        await _admin!.GetDatabase().HashSetAsync(_key, "broken-kid", "{\"version\":1}");

        var error = await Assert.ThrowsAsync<FormatException>(() => store.LoadKeysAsync(CancellationToken.None));

        Assert.Contains("broken-kid", error.Message, StringComparison.Ordinal);
        Assert.Contains(_key, error.Message, StringComparison.Ordinal);
    }

    private string Configuration() => $"{TestServers.Redis},user={_user},password={_password},connectTimeout=5000";

    private static string EndPoint()
    {
        var endpoint = ConfigurationOptions.Parse(TestServers.Redis).EndPoints.Single();
        return endpoint switch
        {
            System.Net.DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
            _ => endpoint.ToString()!,
        };
    }
}
