namespace DeepLearning.Host.Rendering.Text;

/// <summary>One cell of a <see cref="TextTable"/>: its text and how it stands out.</summary>
/// <remarks>A class rather than a struct on purpose: collections of a reference type share the runtime's precompiled
/// code, where a struct would make `dlp inspect` JIT-compile its own copy of every collection method at start-up.</remarks>
public sealed class TextCell(string text, Tone tone = Tone.Plain)
{
    /// <summary>The text (may hold line breaks).</summary>
    public string Text { get; } = text;

    /// <summary>How it stands out.</summary>
    public Tone Tone { get; } = tone;

    /// <summary>Plain text.</summary>
    public static implicit operator TextCell(string text) => new(text);
}
