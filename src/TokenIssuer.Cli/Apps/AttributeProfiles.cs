using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace TokenIssuer.Cli.Apps;

/// <summary>
/// The defaults of profiles declared with <c>[JwtProfile]</c> in the app's code (<c>Algorithm</c>,
/// <c>ExpiresIn</c>, …), which no configuration file holds: the source generator registers them from a module
/// initializer in the app's assembly. So the app's latest build (<c>bin/*/*/{ApplicationName}.dll</c>) is loaded
/// and its module initializers run, and <c>AddJwtIssuer()</c> applies them as it does in the app.
/// </summary>
/// <remarks>
/// Only the module initializers run (the generated registration, and any the app declares itself), never the
/// app's entry point. An app that is not built, or built against a TokenIssuer this tool cannot load, is read
/// without its attribute profiles, with a note saying so.
/// </remarks>
internal static class AttributeProfiles
{
    public static void Register(AppProject project)
    {
        string? build = LatestBuild(project);
        if (build is null) return;
        if (AppDomain.CurrentDomain.GetAssemblies().Any(a => string.Equals(a.GetName().Name, project.ApplicationName, StringComparison.OrdinalIgnoreCase))) return;
        try
        {
            var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(build);
            RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
        }
        catch (Exception e) when (e is FileLoadException or FileNotFoundException or BadImageFormatException or TypeInitializationException or TypeLoadException or MissingMethodException)
        {
            Console.Error.WriteLine($"note: the app's build {build} could not be loaded ({e.GetType().Name}), so profiles declared with [JwtProfile] in code are read without their defaults.");
        }
    }

    /// <summary>The most recently written <c>{ApplicationName}.dll</c> under the project's <c>bin</c> folder, if any.</summary>
    private static string? LatestBuild(AppProject project)
    {
        string bin = Path.Combine(project.ContentRoot, "bin");
        if (!Directory.Exists(bin)) return null;
        return Directory.EnumerateFiles(bin, project.ApplicationName + ".dll", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 3 })
            .Where(path => !path.Contains(Path.DirectorySeparatorChar + "ref" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
    }
}
