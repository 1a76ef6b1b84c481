using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Zim.Protocol.Validation;
using Zim.Protocol.Wire;

namespace Zim.Protocol.Tests;

/// <summary>
/// Properties of the signature and the validation rules, each checked against an independent model
/// (a second, deliberately naive implementation) on thousands of generated inputs.
/// </summary>
public sealed partial class PropertyTests
{
    private const int Runs = 2000;

    // Letters, digits, every allowed and some refused punctuation, controls, and multi-byte text.
    private static readonly char[] Pool =
        "aZ09!#$%&()+-:;<=.>?@[]^_{}|~ *,/'\"`\\\t\n\u0000\u001f\u007f\u0080é中😀\ud83d".ToCharArray();

    private static Gen<string> Text(int maxLength) =>
        Gen.Choose(0, maxLength).SelectMany(length => Gen.ArrayOf(Gen.Elements(Pool), length)).Select(chars => new string(chars));

    // \A and \z: in .NET, $ also matches before a final newline, which the rules refuse.
    [GeneratedRegex(@"\A[A-Za-z0-9!#$%&()+\-:;<=.>?@\[\]^_{}|~]+\z")]
    private static partial Regex AllowedUserId();

    /// <summary>The contract's UserId rules, written again from the table.</summary>
    private static int? ModelUserId(string id)
    {
        if (id.Length == 0)
        {
            return ZimCode.InvalidParameter;
        }
        if (new UTF8Encoding(false).GetByteCount(id) > 32)
        {
            return ZimCode.UserIdTooLong;
        }
        return AllowedUserId().IsMatch(id) ? null : ZimCode.InvalidParameter;
    }

    [Fact]
    public void UserIdRulesAgreeWithTheModel() =>
        Prop.ForAll(Text(40).ToArbitrary(), id => UserRules.CheckUserId(id)?.SubCode == ModelUserId(id))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(Runs));

    [Fact]
    public void ProfileRulesAgreeWithTheModel()
    {
        var profiles = Text(80).SelectMany(name => Text(520).Select(avatar => (name, avatar)));
        Prop.ForAll(profiles.ToArbitrary(), p =>
        {
            int? expected =
                Encoding.UTF8.GetByteCount(p.name) > 64 ? ZimCode.UserNameTooLong
                : Encoding.UTF8.GetByteCount(p.avatar) > 500 ? ZimCode.UserAvatarTooLong
                : (p.name + p.avatar).Any(c => c < ' ' || c == '\u007f') ? ZimCode.InvalidParameter
                : null;
            return UserRules.CheckRegistration(new RegisterUserInfo("u", p.name, p.avatar))?.SubCode == expected;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(Runs));
    }

    [Fact]
    public void SignatureAgreesWithAPlainMd5AndRefusesEveryOneCharacterChange()
    {
        var calls = Gen.Choose(0, int.MaxValue).SelectMany(appId =>
            Text(24).SelectMany(nonce =>
                Gen.Choose(0, int.MaxValue).Select(timestamp => ((uint)appId * 2u, nonce, (long)timestamp * 3))));
        Prop.ForAll(calls.ToArbitrary(), call =>
        {
            var (appId, nonce, timestamp) = call;
            const string secret = "0123456789abcdef0123456789abcdef";
            var text = appId.ToString(CultureInfo.InvariantCulture) + nonce + secret + timestamp.ToString(CultureInfo.InvariantCulture);
            var model = BitConverter.ToString(MD5.HashData(Encoding.UTF8.GetBytes(text))).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
            var signature = ZimSignature.Compute(appId, nonce, secret, timestamp);
            var changed = (model[0] == 'a' ? 'b' : 'a') + model[1..];
            return signature == model
                && ZimSignature.Verify(appId, nonce, secret, timestamp, model.ToUpperInvariant())
                && !ZimSignature.Verify(appId, nonce, secret, timestamp, changed)
                && !ZimSignature.Verify(appId, nonce + "x", secret, timestamp, model);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(Runs));
    }
}
