namespace Zim.Protocol.Validation;

/// <summary>Why one user was refused: the SubCode of the contract and a sentence for a person.</summary>
public readonly record struct Violation(int SubCode, string Message);
