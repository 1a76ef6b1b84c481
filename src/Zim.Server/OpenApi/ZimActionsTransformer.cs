using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Zim.Protocol;

namespace Zim.Server.OpenApi;

/// <summary>
/// Describes the ZIM path. Its actions share the one path <c>/</c> and are told apart by <c>Action=</c> in
/// the query, which endpoint metadata cannot express, so the document gets them here.
/// </summary>
internal sealed class ZimActionsTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var item = new OpenApiPathItem();
        foreach (var method in ZimAction.All.Select(action => action.Method).Distinct())
        {
            var actions = ZimAction.All.Where(action => action.Method == method).Select(action => action.Name).ToList();
            item.AddOperation(HttpMethod.Parse(method), new OpenApiOperation
            {
                OperationId = "zim" + method,
                Summary = $"ZIM Server API: {string.Join(", ", actions)}",
                Description = "Signed with the common query parameters (signature version 2.0: MD5 of AppId + SignatureNonce + "
                    + "ServerSecret + Timestamp, hex). Every answer is HTTP 200 with a JSON envelope {Code, Message, RequestId, ...}; "
                    + "Code 0 is success. See the README's Codes table. The Codes and SubCodes of each action (x-zim-codes):\n"
                    + string.Concat(actions.Where(ActionCodes.ByAction.ContainsKey).Select(a => $"\n- {a}: {string.Join(", ", ActionCodes.ByAction[a])}")),
                Extensions = new Dictionary<string, IOpenApiExtension>
                {
                    ["x-zim-codes"] = new JsonNodeExtension(new JsonObject(actions.Where(ActionCodes.ByAction.ContainsKey)
                        .Select(a => KeyValuePair.Create(a, (JsonNode?)new JsonArray([.. ActionCodes.ByAction[a].Select(c => (JsonNode?)JsonValue.Create(c))]))))),
                },
                Tags = new HashSet<OpenApiTagReference> { new("ZIM") },
                Parameters = [Query("Action", actions), Query("AppId"), Query("SignatureNonce"), Query("Timestamp"), Query("Signature"), Query("SignatureVersion", ["2.0"])],
                // A GET may carry a JSON object too: the list GETs and DeleteAllFriends take from it what their query lacks.
                RequestBody = new OpenApiRequestBody
                {
                    Required = method == "POST",
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } } },
                },
                Responses = new OpenApiResponses
                {
                    ["200"] = new OpenApiResponse
                    {
                        Description = "The envelope: Code, Message, RequestId, and the action's own fields (ErrorList and Result; "
                            + "ErrList and Succ for the blocklist; TotalCount, Next and Blacklist for QueryBlacklist; TotalCount, Next and "
                            + "FriendInfos for QueryFriendList; Successes and Fails for CheckFriendsRelation; FailKey for UpdateFriendAttributes).",
                        Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } } },
                    },
                    ["413"] = new OpenApiResponse { Description = "Body over Api__MaxRequestBodyBytes (still an envelope)." },
                },
            });
        }
        document.Paths ??= [];
        document.Paths["/"] = item;
        return Task.CompletedTask;
    }

    private static OpenApiParameter Query(string name, IReadOnlyList<string>? values = null) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Required = true,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = values?.Select(value => (JsonNode)JsonValue.Create(value)!).ToList() },
    };
}
