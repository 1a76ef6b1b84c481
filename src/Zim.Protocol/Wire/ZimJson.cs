using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Zim.Protocol.Wire;

/// <summary>Source-generated JSON metadata of every wire type.</summary>
[JsonSerializable(typeof(ZimResponse))]
[JsonSerializable(typeof(UserRegisterRequest))]
[JsonSerializable(typeof(UserRegisterResponse))]
[JsonSerializable(typeof(QueryUserInfosRequest))]
[JsonSerializable(typeof(QueryUserInfosResponse))]
[JsonSerializable(typeof(ModifyUserInfoRequest))]
[JsonSerializable(typeof(ModifyUserInfoResponse))]
[JsonSerializable(typeof(QueryUserOnlineStateResponse))]
[JsonSerializable(typeof(Callbacks.UserActionCallback))]
[JsonSerializable(typeof(Rosters.RelationLine))]
[JsonSerializable(typeof(AddFriendsRequest))]
[JsonSerializable(typeof(AddFriendsResponse))]
[JsonSerializable(typeof(SendFriendApplicationRequest))]
[JsonSerializable(typeof(SendFriendApplicationResponse))]
[JsonSerializable(typeof(DeleteFriendsRequest))]
[JsonSerializable(typeof(DeleteFriendsResponse))]
[JsonSerializable(typeof(QueryFriendListResponse))]
[JsonSerializable(typeof(CheckFriendsRelationRequest))]
[JsonSerializable(typeof(CheckFriendsRelationResponse))]
[JsonSerializable(typeof(UpdateFriendsAliasRequest))]
[JsonSerializable(typeof(UpdateFriendsAliasResponse))]
[JsonSerializable(typeof(UpdateFriendAttributesRequest))]
[JsonSerializable(typeof(UpdateFriendAttributesResponse))]
[JsonSerializable(typeof(BlacklistRequest))]
[JsonSerializable(typeof(AddUsersToBlacklistResponse))]
[JsonSerializable(typeof(RemoveUsersFromBlacklistResponse))]
[JsonSerializable(typeof(CheckUsersIsInBlacklistResponse))]
[JsonSerializable(typeof(QueryBlacklistResponse))]
[JsonSerializable(typeof(RobotRegisterRequest))]
[JsonSerializable(typeof(RobotRegisterResponse))]
public sealed partial class ZimJsonContext : JsonSerializerContext;

/// <summary>The serializer settings of the wire: names as declared, matched case-insensitively on input.</summary>
public static class ZimJson
{
    /// <summary>
    /// The shared context. Non-ASCII text is written as is (not \u-escaped), as the real service does.
    /// </summary>
    public static ZimJsonContext Context { get; } = new(new JsonSerializerOptions
    {
        PropertyNameCaseInsensitive = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
