namespace DeepLearning.Host;

/// <summary>The exit codes of `dlp`, documented in the README.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;
    /// <summary>A runtime failure (I/O, an unexpected error).</summary>
    public const int Failure = 1;
    /// <summary>Bad command-line usage or a bad spec.</summary>
    public const int BadSpec = 2;
    /// <summary>Bad data: a file that cannot be read or used as declared.</summary>
    public const int BadData = 3;
    /// <summary>A model file that cannot be loaded.</summary>
    public const int BadModel = 4;
    /// <summary>Registry training finished, but the new version was not promoted (the champion stays).</summary>
    public const int Kept = 5;
    /// <summary>A registry operation that cannot be done (locked, no such model or version).</summary>
    public const int RegistryError = 6;
}
