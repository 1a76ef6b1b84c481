using Microsoft.Extensions.Options;
using Zim.Server.Storage;

namespace Zim.Server.Secrets;

internal static class SecretsSetup
{
    /// <summary>The key that seals the apps' secrets in the database (settled at start), and what seals and opens them.</summary>
    public static IServiceCollection AddZimSecrets(this IServiceCollection services)
    {
        services.AddOptions<SecretsOptions>().BindChecked(SecretsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecretsOptions>, SecretsOptionsValidator>();
        services.AddSingleton<SecretKeySource>();
        services.AddSingleton(_ => new SecretKeyring());
        services.AddSingleton<SecretCipher>();
        services.AddSingleton<ISecretSeal>(sp => sp.GetRequiredService<SecretCipher>());
        services.AddSingleton<SecretsBootstrap>();
        return services;
    }
}
