namespace TokenIssuer;

/// <summary>A PEM block found in a text (<see cref="PemKeyReader.FindBlock"/>): its label and its decoded bytes.</summary>
internal readonly record struct PemBlock(string Label, byte[] Der);
