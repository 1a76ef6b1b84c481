using Microsoft.Extensions.Options;

namespace Zim.Server;

/// <summary>
/// Options bound so that a value the binder cannot convert (a number that is not one) is a configuration error
/// like any other, an <see cref="OptionsValidationException"/> that names the key, and not the binder's
/// <see cref="InvalidOperationException"/> with a stack trace.
/// </summary>
internal static class OptionsBinding
{
    /// <summary>As <c>BindConfiguration</c>: <typeparamref name="T"/> from <paramref name="section"/>, or from the root when it is null.</summary>
    public static OptionsBuilder<T> BindChecked<T>(this OptionsBuilder<T> options, string? section)
        where T : class =>
        options.Configure<IConfiguration>((value, configuration) =>
            (section is null ? configuration : configuration.GetSection(section)).BindChecked(value));

    public static void BindChecked(this IConfiguration configuration, object target)
    {
        try
        {
            configuration.Bind(target);
        }
        catch (InvalidOperationException e)
        {
            // What the binder throws, since .NET 8, for a value it cannot convert; the message names the key.
            throw new OptionsValidationException(Options.DefaultName, target.GetType(), [e.Message]);
        }
    }

    /// <summary>The configuration errors that <paramref name="exception"/> carries, in one line; null when it carries none.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException invalid => string.Join(" ", invalid.Failures),
        // Start-up validation reports each of several failing options classes in one AggregateException.
        AggregateException { InnerExceptions: var inner } when inner.All(e => e is OptionsValidationException) =>
            string.Join(" ", inner.Cast<OptionsValidationException>().SelectMany(e => e.Failures)),
        _ => null,
    };
}
