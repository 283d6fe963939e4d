using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TokenIssuer;

/// <summary>
/// Per-thread scratch space for building one token: a JSON writer over a reusable buffer, and the
/// ASCII bytes of the token as it grows. Renting it on the signing path allocates nothing; the token
/// string made by <see cref="Finish"/> is the only allocation of a signing call.
/// </summary>
internal sealed class TokenScratch
{
    // Buffers that grew past this (very large payloads) are dropped rather than kept per thread.
    private const int MaxRetainedBytes = 64 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Closer to JSON.stringify than the default encoder: non-ASCII text of the BMP stays UTF-8, which keeps
        // tokens short (characters beyond it are written as surrogate-pair escapes, the same JSON string).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    [ThreadStatic]
    private static TokenScratch? t_cached;

    private readonly ArrayBufferWriter<byte> _json = new(1024);
    private readonly Utf8JsonWriter _writer;
    private byte[] _token = new byte[2048];
    private int _length;

    // The per-call claim names of the token being written, to refuse a name written twice (RFC 7519 §4).
    // A short linear list: tokens carry a handful of claims, and a set would allocate or hash more.
    private string[] _claimNames = new string[16];
    private int _claimNameCount;

    // One bit per name written (by length and first character): a name whose bit is clear is new without a look
    // at the list, which is what the distinct names of a typed method always find.
    private ulong _claimNameBits;

    private TokenScratch() => _writer = new Utf8JsonWriter(_json, WriterOptions);

    public static TokenScratch Rent()
    {
        var scratch = t_cached ?? new TokenScratch();
        t_cached = null; // re-entrancy (a claim value's ToString signing a token) gets its own scratch
        scratch._length = 0;
        return scratch;
    }

    public static void Return(TokenScratch scratch)
    {
        if (scratch._json.Capacity > MaxRetainedBytes || scratch._token.Length > MaxRetainedBytes) return;
        t_cached = scratch;
    }

    // The names are not cleared: the slots are overwritten by the next token's, and the few strings a thread's
    // scratch keeps alive meanwhile are claim names (mostly literals).
    public void ResetClaimNames()
    {
        _claimNameCount = 0;
        _claimNameBits = 0;
    }

    /// <summary>Records a claim name; false when the token already has it.</summary>
    public bool TryAddClaimName(string name)
    {
        ulong bit = 1UL << ((name.Length == 0 ? 0 : name.Length * 7 + name[0]) & 63);
        if ((_claimNameBits & bit) != 0 && Contains(name)) return false;
        _claimNameBits |= bit;
        if (_claimNameCount == _claimNames.Length) Array.Resize(ref _claimNames, _claimNames.Length * 2);
        _claimNames[_claimNameCount++] = name;
        return true;
    }

    /// <summary>Whether the token being written has the per-call claim <paramref name="name"/>.</summary>
    public bool HasClaimName(string name) => Contains(name);

    private bool Contains(string name)
    {
        var names = _claimNames;
        for (int i = 0; i < _claimNameCount; i++)
        {
            if (string.Equals(names[i], name)) return true; // ordinal, the same reference first
        }
        return false;
    }

    /// <summary>Starts a new JSON document (header or payload) in the reusable buffer.</summary>
    public Utf8JsonWriter StartJson()
    {
        _json.ResetWrittenCount();
        _writer.Reset(_json);
        return _writer;
    }

    /// <summary>Appends the JSON written since <see cref="StartJson"/> as a base64url segment.</summary>
    public void AppendJsonSegment()
    {
        _writer.Flush();
        AppendSegment(_json.WrittenSpan);
    }

    /// <summary>
    /// Room for <paramref name="length"/> bytes of JSON after what the writer wrote, to be ended with
    /// <see cref="AdvanceRawJson"/> (the writer is not used again until <see cref="StartJson"/>);
    /// <paramref name="hasMembers"/> tells whether the object the writer started has a member yet, so needs a comma first.
    /// </summary>
    public Span<byte> RawJson(int length, out bool hasMembers)
    {
        _writer.Flush();
        hasMembers = _json.WrittenCount > 1; // more than the opening brace
        return _json.GetSpan(length);
    }

    /// <summary>Counts the <paramref name="count"/> bytes written into <see cref="RawJson"/>'s span as JSON.</summary>
    public void AdvanceRawJson(int count) => _json.Advance(count);

    /// <summary>Appends raw bytes as a base64url segment, preceded by a dot unless it is the first.</summary>
    public void AppendSegment(ReadOnlySpan<byte> data)
    {
        if (_length > 0) Append((byte)'.');
        int encoded = Base64Url.GetEncodedLength(data.Length);
        EnsureCapacity(encoded);
        _length += Base64Url.EncodeToUtf8(data, _token.AsSpan(_length));
    }

    /// <summary>Appends already-encoded base64url bytes (a precomputed header).</summary>
    public void AppendEncoded(ReadOnlySpan<byte> base64Url)
    {
        if (_length > 0) Append((byte)'.');
        EnsureCapacity(base64Url.Length);
        base64Url.CopyTo(_token.AsSpan(_length));
        _length += base64Url.Length;
    }

    /// <summary>Signs the header and payload written so far, appends the signature and returns the token.</summary>
    // Not zeroed: the key writes the signature before anything reads it, and only its written part is read.
    [System.Runtime.CompilerServices.SkipLocalsInit]
    public string Finish(SigningKey key, JwtAlgorithm algorithm)
    {
        int signatureSize = key.GetSignatureSize(algorithm);
        byte[]? rented = null;
        Span<byte> signature = signatureSize <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(signatureSize));
        try
        {
            int written = key.Sign(algorithm, _token.AsSpan(0, _length), signature);
            AppendSegment(signature[..written]);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
        return Encoding.ASCII.GetString(_token, 0, _length);
    }

    private void Append(byte b)
    {
        EnsureCapacity(1);
        _token[_length++] = b;
    }

    private void EnsureCapacity(int more)
    {
        if (_length + more <= _token.Length) return;
        Array.Resize(ref _token, Math.Max(_token.Length * 2, _length + more));
    }
}
