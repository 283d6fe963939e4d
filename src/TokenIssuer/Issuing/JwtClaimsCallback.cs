namespace TokenIssuer;

/// <summary>Writes the per-call claims of a token; called back by <see cref="IJwtIssuer.Issue{TState}(string, TState, JwtClaimsCallback{TState})"/> and its overloads.</summary>
/// <typeparam name="TState">What the claims are written from (a tuple of parameters, or a claims record).</typeparam>
public delegate void JwtClaimsCallback<TState>(JwtClaimWriter writer, TState state);
