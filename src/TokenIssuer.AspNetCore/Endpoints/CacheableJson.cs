using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace TokenIssuer.AspNetCore;

/// <summary>
/// Writes a public JSON document for GET and HEAD with <c>Cache-Control</c> and a strong <c>ETag</c> (a hash
/// of the body), and answers 304 when <c>If-None-Match</c> names it, so caches revalidate instead of refetching.
/// </summary>
internal static class CacheableJson
{
    public static Task WriteAsync(HttpContext context, byte[] body, string cacheControl)
    {
        var response = context.Response;
        var etag = ETagOf(body);
        response.Headers.CacheControl = cacheControl;
        response.Headers.ETag = etag.ToString();
        if (IsNoneMatch(context.Request, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    public static string CacheControl(TimeSpan? duration)
        => $"public, max-age={(int)(duration ?? TimeSpan.FromMinutes(5)).TotalSeconds}";

    private static EntityTagHeaderValue ETagOf(byte[] body)
        => new($"\"{Base64Url.EncodeToString(SHA256.HashData(body).AsSpan(0, 16))}\"");

    /// <summary>If-None-Match uses the weak comparison (RFC 9110 §13.1.2): <c>W/"x"</c> matches <c>"x"</c>.</summary>
    private static bool IsNoneMatch(HttpRequest request, EntityTagHeaderValue etag)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0 || !EntityTagHeaderValue.TryParseList(header, out var tags)) return false;
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false));
    }
}
