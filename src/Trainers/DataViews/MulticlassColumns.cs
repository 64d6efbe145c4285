using DeepLearning.Trainers.Estimators;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Trainers.DataViews;

/// <summary>The columns a multiclass model of this library adds, laid out as ML.NET's own multiclass trainers lay
/// them out (so its evaluator and key-to-value mapping read them): <c>Score</c>, one probability per class, and
/// <c>PredictedLabel</c>, a key 1..k, both carrying the class names when the label had them.</summary>
public static class MulticlassColumns
{
    /// <summary>Score at offsets [0, k), PredictedLabel at offset k.</summary>
    public static IReadOnlyList<OutputColumn> For(int classes, IReadOnlyList<string>? names)
    {
        DataViewSchema.Annotations? slots = null, keys = null;
        if (names is not null)
        {
            var text = names.Select(n => n.AsMemory()).ToArray();
            ValueGetter<VBuffer<ReadOnlyMemory<char>>> getter = (ref VBuffer<ReadOnlyMemory<char>> value) =>
                value = new VBuffer<ReadOnlyMemory<char>>(text.Length, text);
            var slotBuilder = new DataViewSchema.Annotations.Builder();
            slotBuilder.Add(AnnotationNames.SlotNames, new VectorDataViewType(TextDataViewType.Instance, text.Length), getter);
            slots = slotBuilder.ToAnnotations();
            var keyBuilder = new DataViewSchema.Annotations.Builder();
            keyBuilder.Add(AnnotationNames.KeyValues, new VectorDataViewType(TextDataViewType.Instance, text.Length), getter);
            keys = keyBuilder.ToAnnotations();
        }
        return
        [
            new("Score", new VectorDataViewType(NumberDataViewType.Single, classes), 0, slots),
            new("PredictedLabel", new KeyDataViewType(typeof(uint), (ulong)classes), classes, keys),
        ];
    }

    /// <summary>A key label's values as text, when it has <paramref name="count"/> of them (so the prediction key
    /// carries the class names); otherwise null.</summary>
    public static IReadOnlyList<string>? ClassNames(DataViewSchema.Column label, int count)
    {
        var column = label.Annotations.Schema.GetColumnOrNull(AnnotationNames.KeyValues);
        if (column is not { Type: VectorDataViewType { ItemType: TextDataViewType } }) return null;
        VBuffer<ReadOnlyMemory<char>> values = default;
        label.Annotations.GetValue(AnnotationNames.KeyValues, ref values);
        var names = values.DenseValues().Select(v => v.ToString()).ToList();
        return names.Count == count ? names : null;
    }
}
