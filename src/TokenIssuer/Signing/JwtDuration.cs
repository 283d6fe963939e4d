using System.Globalization;

namespace TokenIssuer;

/// <summary>
/// A token lifetime or start offset (<c>expiresIn</c>, <c>notBefore</c>) with jsonwebtoken's arithmetic:
/// a whole number of seconds is added as is; a duration string (ms grammar) or a <see cref="TimeSpan"/>
/// is counted in milliseconds and the resulting NumericDate is rounded down.
/// </summary>
public readonly struct JwtDuration : IEquatable<JwtDuration>
{
    private readonly double _value;
    private readonly bool _isMilliseconds;

    private JwtDuration(double value, bool isMilliseconds)
    {
        _value = value;
        _isMilliseconds = isMilliseconds;
    }

    /// <summary>A number of seconds, as jsonwebtoken's numeric <c>expiresIn: 60</c>.</summary>
    public static JwtDuration FromSeconds(long seconds) => new(seconds, isMilliseconds: false);

    /// <summary>
    /// A whole number of seconds given as a double (JSON numbers are doubles). Fractions, NaN and
    /// infinities are refused, as jsonwebtoken refuses them.
    /// </summary>
    public static JwtDuration FromSeconds(double seconds)
    {
        if (double.IsNaN(seconds) || double.IsInfinity(seconds) || Math.Floor(seconds) != seconds)
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds,
                "A duration in seconds must be a whole number; write a string such as \"1500ms\" for fractions.");
        }
        return new(seconds, isMilliseconds: false);
    }

    /// <summary>A <see cref="TimeSpan"/>, counted like a duration string (milliseconds, then rounded down).</summary>
    public static JwtDuration FromTimeSpan(TimeSpan duration) => new(duration.TotalMilliseconds, isMilliseconds: true);

    /// <summary>Converts a <see cref="TimeSpan"/>.</summary>
    public static implicit operator JwtDuration(TimeSpan duration) => FromTimeSpan(duration);

    /// <summary>
    /// Parses a duration string exactly as jsonwebtoken does (the <c>ms</c> 2.1.3 grammar):
    /// <c>"2 days"</c>, <c>"10h"</c>, <c>"-1.5s"</c>; a string with no unit is <b>milliseconds</b>.
    /// </summary>
    public static bool TryParse(string? text, out JwtDuration duration)
    {
        if (DurationParser.TryParseMilliseconds(text, out double ms, out _))
        {
            duration = new(ms, isMilliseconds: true);
            return true;
        }
        duration = default;
        return false;
    }

    /// <summary>Parses like <see cref="TryParse"/>, throwing <see cref="FormatException"/> on bad text.</summary>
    public static JwtDuration Parse(string text)
        => TryParse(text, out var duration)
            ? duration
            : throw new FormatException($"\"{text}\" is not a duration: write {DurationParser.GrammarHint}.");

    /// <summary>
    /// Parses a duration written in a token profile, where a unit-less value means <b>seconds</b>
    /// (configuration cannot tell the JSON number 300 from the string "300"). Internal: a profile's rule,
    /// applied by the profile compiler; callers parse with <see cref="TryParse"/>.
    /// </summary>
    internal static bool TryParseProfileValue(string? text, out JwtDuration duration)
    {
        if (DurationParser.TryParseMilliseconds(text, out double ms, out bool hasUnit))
        {
            duration = hasUnit ? new(ms, isMilliseconds: true) : new(ms, isMilliseconds: false);
            return true;
        }
        duration = default;
        return false;
    }

    /// <summary>The duration in seconds (fractional for millisecond durations).</summary>
    public double TotalSeconds => _isMilliseconds ? _value / DurationParser.MillisecondsPerSecond : _value;

    /// <summary>The duration as a <see cref="TimeSpan"/>, clamped to <see cref="TimeSpan.MaxValue"/> / <see cref="TimeSpan.MinValue"/>.</summary>
    public TimeSpan ToTimeSpan()
    {
        double seconds = TotalSeconds;
        if (seconds >= TimeSpan.MaxValue.TotalSeconds) return TimeSpan.MaxValue;
        if (seconds <= TimeSpan.MinValue.TotalSeconds) return TimeSpan.MinValue;
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>The NumericDate <paramref name="timestamp"/> + this duration, by jsonwebtoken's rules.</summary>
    internal double AddTo(double timestamp)
        => _isMilliseconds
            ? Math.Floor(timestamp + _value / DurationParser.MillisecondsPerSecond)
            : timestamp + _value;

    /// <inheritdoc/>
    public bool Equals(JwtDuration other) => _value.Equals(other._value) && _isMilliseconds == other._isMilliseconds;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is JwtDuration other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_value, _isMilliseconds);

    /// <inheritdoc/>
    public override string ToString()
        => _isMilliseconds
            ? _value.ToString("R", CultureInfo.InvariantCulture) + "ms"
            : _value.ToString("R", CultureInfo.InvariantCulture) + "s";

    /// <summary>Equality.</summary>
    public static bool operator ==(JwtDuration left, JwtDuration right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(JwtDuration left, JwtDuration right) => !left.Equals(right);
}
