namespace Ktu.Web.Documents;

/// <summary>The texts an embete may write itself.</summary>
internal sealed record GrantLetterEmbeteTexts
{
    /// <summary>The opening, before the decision.</summary>
    public required string Greeting { get; init; }
    /// <summary>Who to ask about the letter.</summary>
    public required string Contact { get; init; }
    /// <summary>The end of the letter, such as "Med hilsen".</summary>
    public required string Closing { get; init; }

    public const int MaxGreeting = 2000;
    public const int MaxContact = 500;
    public const int MaxClosing = 1000;

    public static GrantLetterEmbeteTexts Default() => new()
    {
        Greeting = "Vi viser til søknaden deres om {ordning} for {ordningsår}.",
        Contact = "Har dere spørsmål om brevet, kan dere kontakte {embete}. Oppgi saksnummer {saksnummer}.",
        Closing = "Med hilsen\n{embete}",
    };
}
