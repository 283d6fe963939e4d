using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;

namespace TokenIssuer.KeyManagement.Tests;

public class ManagedKeyServicesTests
{
    [Fact]
    public void PersistKeysToFileSystemReplacesTheLocalDefaultStore()
    {
        var folder = TestKeys.NewFolder("persist");
        var services = new ServiceCollection();
        ManagedKeyServices.Add(services);
        services.AddJwtIssuer(_ => { }).PersistKeysToFileSystem(folder);

        using var provider = services.BuildServiceProvider();
        var store = Assert.IsType<FileSystemJwtKeyStore>(provider.GetRequiredService<IJwtKeyStore>());

        Assert.Equal(folder.FullName, store.Directory.FullName);
        Assert.False(store.IsLocalDefault);
        Assert.NotNull(provider.GetRequiredService<ManagedKeyProtector>());
    }

    [Theory]
    [InlineData("Production", true)]
    [InlineData("Staging", true)]
    [InlineData("Development", false)]
    public void TheLocalDefaultStoreWarnsOutsideDevelopment(string environmentName, bool warns)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IHostEnvironment>(new Environment(environmentName));
        ManagedKeyServices.Add(services);
        using var provider = services.BuildServiceProvider();
        var store = Assert.IsType<FileSystemJwtKeyStore>(provider.GetRequiredService<IJwtKeyStore>());
        var logger = new FakeLogger();

        ManagedKeyServices.WarnIfLocalDefault(store, provider.GetRequiredService<IHostEnvironment>(), logger);

        Assert.True(store.IsLocalDefault);
        Assert.Equal(FileSystemJwtKeyStore.DefaultDirectory("Contoso.Api").FullName, store.Directory.FullName);
        Assert.Equal(warns, logger.Collector.Count == 1);
        if (warns) Assert.Contains(store.Directory.FullName, logger.LatestRecord.Message);
    }

    [Fact]
    public void AManagedSectionIsReadAndUnknownOptionsAreReported()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:signing:Managed:Algorithm"] = "RS256",
            ["JwtIssuer:Keys:signing:Managed:rotationinterval"] = "30d",
            ["JwtIssuer:Keys:signing:Managed:Retention"] = "1d",
        }).Build();
        var options = new JwtManagedKeyOptions();
        var problems = new List<string>();

        ManagedKeyConfiguration.Read(configuration.GetSection("JwtIssuer:Keys:signing:Managed"), options, problems);

        Assert.Equal(("RS256", "30d", "14d", "14d"), (options.Algorithm, options.RotationInterval, options.PropagationTime, options.RetentionTime));
        Assert.Equal(["JwtIssuer:Keys:signing:Managed:Retention: \"Retention\" is not an option of a managed key; write Algorithm, RotationInterval, PropagationTime, RetentionTime."], problems);
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Contoso.Api";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
