using System.Text;

namespace DeepLearning.Pipelines.Spec;

/// <summary>Spec keys and enum values are snake_case forms of the C# names.</summary>
public static class SnakeCase
{
    /// <summary><c>TestFraction</c> → <c>test_fraction</c>.</summary>
    public static string From(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (int i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(pascal[i - 1]) || char.IsDigit(pascal[i - 1]) ||
                              (i + 1 < pascal.Length && char.IsLower(pascal[i + 1]) && char.IsUpper(pascal[i - 1]))))
                    sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>The snake_case name of an enum value.</summary>
    public static string Of(Enum value) => From(value.ToString());
}
