namespace DeepLearning.Host.Rendering.Text;

/// <summary>How a piece of text stands out on a terminal that takes ANSI escapes; elsewhere it is plain.</summary>
public enum Tone
{
    /// <summary>As the terminal draws text by default.</summary>
    Plain,
    /// <summary>Bold: titles and keys.</summary>
    Bold,
    /// <summary>Green: good (a correct prediction, no drift).</summary>
    Green,
    /// <summary>Yellow: worth a look (moderate drift).</summary>
    Yellow,
    /// <summary>Red: bad (a wrong prediction, major drift).</summary>
    Red,
    /// <summary>Grey: nothing there (a zero).</summary>
    Grey,
}
