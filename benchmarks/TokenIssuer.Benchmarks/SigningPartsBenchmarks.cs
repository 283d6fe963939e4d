using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;

namespace TokenIssuer.Benchmarks;

/// <summary>
/// The parts of one HS256 token on the typed path that the least work does not do, each measured alone (the mechanism
/// as the runtime uses it, rebuilt here where the runtime's type is internal), with the change that replaced it next
/// to it: docs/benchmarks.md accounts for the difference between Generated and LeastWork with these.
/// </summary>
[MemoryDiagnoser]
public class SigningPartsBenchmarks
{
    private static readonly string[] ClaimNames = ["sub", "name", "role"];

    private Dictionary<string, object> _plansByName = null!;
    private object?[] _plansByKey = null!;
    private int _keyIndex;
    private int _sharedCount;
    private int[] _stripes = null!;
    private int _stripeMask;
    private int _retired;
    private HashSet<string> _reserved = null!;
    private string?[] _accepted = null!;
    private string[] _written = null!;
    private int _writtenCount;
    private Counter<long> _counter = null!;
    private Meter _meter = null!;
    private byte[] _header = null!;
    private byte[] _token = null!;
    private ThreadLocal<IncrementalHash> _hmacs = null!;
    private IncrementalHash _hmac = null!;
    private ulong _writtenBits;
    private System.Buffers.ArrayBufferWriter<byte> _json = null!;
    private System.Text.Json.Utf8JsonWriter _writer = null!;
    private byte[] _constantMembers = null!;
    private byte[] _cachedTail = null!;
    private long _cachedIat;

    [ThreadStatic] private static object? t_lastKey;
    [ThreadStatic] private static IncrementalHash? t_lastHmac;

    private static readonly System.Text.Json.JsonEncodedText IatName = System.Text.Json.JsonEncodedText.Encode("iat");
    private static readonly System.Text.Json.JsonEncodedText ExpName = System.Text.Json.JsonEncodedText.Encode("exp");

    [GlobalSetup]
    public void Setup()
    {
        _plansByName = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase)
        {
            ["Hs256"] = new object(), ["Rs256"] = new object(), ["Ps256"] = new object(), ["Es256"] = new object(),
        };
        _keyIndex = 0; // JwtProfileKey.Index is internal: a small index, as in an app with a few profiles
        _retired = 0;
        _plansByKey = [new object(), new object(), new object(), new object()];
        int stripes = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(2 * Environment.ProcessorCount));
        _stripeMask = stripes - 1;
        _stripes = new int[(stripes + 1) * 32];
        _reserved = new HashSet<string>(["iat", "nbf", "exp", "aud", "iss"], StringComparer.Ordinal);
        _accepted = new string?[16];
        _written = new string[16];
        _meter = new Meter("TokenIssuer.Benchmarks.Parts");
        _counter = _meter.CreateCounter<long>("tokens");
        _header = new byte[52];
        _token = new byte[2048];
        _hmacs = new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, BenchToken.SecretBytes), trackAllValues: true);
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, BenchToken.SecretBytes);
        _json = new System.Buffers.ArrayBufferWriter<byte>(1024);
        _writer = new System.Text.Json.Utf8JsonWriter(_json, new System.Text.Json.JsonWriterOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = true,
        });
        _constantMembers = System.Text.Encoding.UTF8.GetBytes($"\"aud\":\"{BenchToken.Audience}\",\"iss\":\"{BenchToken.Issuer}\"");
        _cachedIat = BenchToken.IssuedAt;
        _cachedTail = System.Text.Encoding.UTF8.GetBytes($"\"iat\":{_cachedIat},\"exp\":{_cachedIat + BenchToken.LifetimeSeconds},") .Concat(_constantMembers).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _meter.Dispose();
        foreach (var hmac in _hmacs.Values) hmac.Dispose();
        _hmacs.Dispose();
        _hmac.Dispose();
        _writer.Dispose();
    }

    /// <summary>Before: the plan found by its name in the plan set's dictionary (ignoring case), per token.</summary>
    [Benchmark]
    public bool ProfileByName() => _plansByName.TryGetValue("Hs256", out _);

    /// <summary>After: the generated method's <see cref="JwtProfileKey"/> indexes the plan set's array.</summary>
    [Benchmark]
    public bool ProfileByKey()
    {
        var byKey = _plansByKey;
        uint index = (uint)_keyIndex;
        return index < (uint)byKey.Length && byKey[index] is not null;
    }

    /// <summary>Before: one interlocked count per plan set, incremented and decremented by every token.</summary>
    [Benchmark]
    public bool InUseOneCount()
    {
        Interlocked.Increment(ref _sharedCount);
        bool live = Volatile.Read(ref _retired) == 0;
        Interlocked.Decrement(ref _sharedCount);
        return live;
    }

    /// <summary>Tried: the count of the current processor's stripe.</summary>
    [Benchmark]
    public bool InUseProcessorStripe()
    {
        int stripe = ((Thread.GetCurrentProcessorId() & _stripeMask) + 1) * 32;
        Interlocked.Increment(ref _stripes[stripe]);
        bool live = Volatile.Read(ref _retired) == 0;
        Interlocked.Decrement(ref _stripes[stripe]);
        return live;
    }

    /// <summary>After: the count of the thread's stripe (StripedInUseCount), a thread-static given once.</summary>
    [Benchmark]
    public bool InUseThreadStripe()
    {
        int stripe = t_stripe;
        if (stripe == 0) t_stripe = stripe = (Interlocked.Increment(ref s_nextStripe) & _stripeMask) + 1;
        Interlocked.Increment(ref _stripes[stripe * 32]);
        bool live = Volatile.Read(ref _retired) == 0;
        Interlocked.Decrement(ref _stripes[stripe * 32]);
        return live;
    }

    [ThreadStatic]
    private static int t_stripe;
    private static int s_nextStripe;

    /// <summary>Before: each of the 3 per-call names looked up in the reserved set and scanned for lone surrogates.</summary>
    [Benchmark]
    public int NamesByLookUp()
    {
        int ok = 0;
        foreach (var name in ClaimNames)
        {
            if (!_reserved.Contains(name) && name.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0) ok++;
        }
        return ok;
    }

    /// <summary>After: each name found by reference among the names the profile accepted before.</summary>
    [Benchmark]
    public int NamesByReference()
    {
        int ok = 0;
        foreach (var name in ClaimNames)
        {
            int slot = (name[0] + 3 * name[^1] + 5 * name.Length) & 15;
            if (ReferenceEquals(Volatile.Read(ref _accepted[slot]), name)) { ok++; continue; }
            if (!_reserved.Contains(name)) { Volatile.Write(ref _accepted[slot], name); ok++; }
        }
        return ok;
    }

    /// <summary>Before: the duplicate check over the names written so far (a short list), cleared per token.</summary>
    [Benchmark]
    public int DuplicateCheckCleared()
    {
        Array.Clear(_written, 0, _writtenCount);
        _writtenCount = 0;
        foreach (var name in ClaimNames)
        {
            for (int i = 0; i < _writtenCount; i++)
            {
                if (string.Equals(_written[i], name, StringComparison.Ordinal)) return -1;
            }
            _written[_writtenCount++] = name;
        }
        return _writtenCount;
    }

    /// <summary>After: the same list, not cleared (overwritten), with string's own ordinal equality.</summary>
    [Benchmark]
    public int DuplicateCheck()
    {
        _writtenCount = 0;
        var written = _written;
        foreach (var name in ClaimNames)
        {
            for (int i = 0; i < _writtenCount; i++)
            {
                if (string.Equals(written[i], name)) return -1;
            }
            written[_writtenCount++] = name;
        }
        return _writtenCount;
    }

    /// <summary>After this round: a bit per name (length and first character) first; the list only when a bit is taken.</summary>
    [Benchmark]
    public int DuplicateCheckByBits()
    {
        _writtenCount = 0;
        _writtenBits = 0;
        var written = _written;
        foreach (var name in ClaimNames)
        {
            ulong bit = 1UL << ((name.Length * 7 + name[0]) & 63);
            if ((_writtenBits & bit) != 0)
            {
                for (int i = 0; i < _writtenCount; i++)
                {
                    if (string.Equals(written[i], name)) return -1;
                }
            }
            _writtenBits |= bit;
            written[_writtenCount++] = name;
        }
        return _writtenCount;
    }

    /// <summary>
    /// Before this round: the end of the payload through the JSON writer (iat and exp as numbers with pre-encoded
    /// names, the profile's constant members appended after a flush, the closing brace), then the flush before encoding.
    /// </summary>
    [Benchmark]
    public int PayloadEndByWriter()
    {
        var writer = StartPayload();
        writer.WritePropertyName(IatName);
        writer.WriteNumberValue(_cachedIat);
        writer.WritePropertyName(ExpName);
        writer.WriteNumberValue(_cachedIat + BenchToken.LifetimeSeconds);
        writer.Flush();
        var members = _json.GetSpan(_constantMembers.Length + 1);
        members[0] = (byte)',';
        _constantMembers.CopyTo(members[1..]);
        _json.Advance(_constantMembers.Length + 1);
        writer.WriteEndObject();
        writer.Flush();
        return _json.WrittenCount;
    }

    /// <summary>After: the thread's bytes for this profile and second (ProfilePayloadTail), copied after one flush.</summary>
    [Benchmark]
    public int PayloadEndAsBytes()
    {
        var writer = StartPayload();
        writer.Flush();
        var tail = _json.GetSpan(_cachedTail.Length + 2);
        tail[0] = (byte)',';
        _cachedTail.CopyTo(tail[1..]);
        tail[_cachedTail.Length + 1] = (byte)'}';
        _json.Advance(_cachedTail.Length + 2);
        return _json.WrittenCount;
    }

    // One per-call member before the end, as every token has.
    private System.Text.Json.Utf8JsonWriter StartPayload()
    {
        _json.ResetWrittenCount();
        _writer.Reset(_json);
        _writer.WriteStartObject();
        _writer.WriteString("sub", BenchToken.Subject);
        return _writer;
    }

    /// <summary>Before: the 1 KB signature buffer, zeroed on every token.</summary>
    [Benchmark]
    public byte SignatureBufferZeroed() => Touch(stackalloc byte[1024]);

    /// <summary>After: the same buffer under [SkipLocalsInit].</summary>
    [Benchmark]
    [SkipLocalsInit]
    public byte SignatureBufferNotZeroed() => Touch(stackalloc byte[1024]);

    /// <summary>Both paths: the system clock, as iat (LeastWork reads it too in the host scenario).</summary>
    [Benchmark]
    public double SystemClock() => Math.Floor(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() / 1000d);

    /// <summary>The tokens-issued counter with no listener (a host without a metrics exporter): the Enabled check.</summary>
    [Benchmark]
    public bool MetricsWithoutListener()
    {
        if (!_counter.Enabled) return false;
        _counter.Add(1, new KeyValuePair<string, object?>("profile", "Hs256"), new KeyValuePair<string, object?>("algorithm", "HS256"));
        return true;
    }

    /// <summary>Both paths: the pre-encoded header copied into the token buffer.</summary>
    [Benchmark]
    public byte HeaderCopy()
    {
        _header.CopyTo(_token.AsSpan());
        return _token[51];
    }

    /// <summary>The runtime: the HMAC context of this thread (ThreadLocal, one per key), against LeastWork's field.</summary>
    [Benchmark]
    public IncrementalHash HmacPerThread() => _hmacs.Value!;

    [Benchmark]
    public IncrementalHash HmacField() => _hmac;

    /// <summary>After this round: the thread's last key and context in thread statics, in front of the ThreadLocal.</summary>
    [Benchmark]
    public IncrementalHash HmacThreadStatic() => ReferenceEquals(t_lastKey, _hmacs) ? t_lastHmac! : CacheHmac();

    private IncrementalHash CacheHmac()
    {
        t_lastKey = _hmacs;
        return t_lastHmac = _hmacs.Value!;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static byte Touch(Span<byte> buffer)
    {
        buffer[..32].Fill(1); // what a signature writes
        return buffer[31];
    }
}
