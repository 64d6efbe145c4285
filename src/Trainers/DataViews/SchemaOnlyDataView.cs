using Microsoft.ML;

namespace DeepLearning.Trainers.DataViews;

/// <summary>A view with a schema and no rows: lets a transformer answer GetOutputSchema by building its output
/// view without data.</summary>
public sealed class SchemaOnlyDataView(DataViewSchema schema) : IDataView
{
    /// <inheritdoc />
    public bool CanShuffle => false;

    /// <inheritdoc />
    public DataViewSchema Schema => schema;

    /// <inheritdoc />
    public long? GetRowCount() => 0;

    /// <inheritdoc />
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        throw new NotSupportedException("schema-only view");

    /// <inheritdoc />
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        throw new NotSupportedException("schema-only view");
}
