using System.Globalization;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Data;

/// <summary>Reads images — IDX files (MNIST's format) or CSV files whose columns are pixels — into a table with one
/// vector column of channels × height × width scaled values (<see cref="ImageSpec"/>) and, when labelled, the label
/// as class names. Every error names the file and what does not fit the declared shape.</summary>
public static class ImageLoader
{
    /// <summary>Reads an IDX image file and, when given, its IDX label file; the label column is named
    /// <paramref name="labelColumn"/> and holds the label numbers as class names.</summary>
    public static DataTable LoadIdx(string imagesPath, string? labelsPath, ImageSpec image, string? labelColumn)
    {
        var images = IdxFile.Read(imagesPath);
        var dims = images.Dimensions;
        var (channels, height, width) = dims.Length switch
        {
            3 => (1, dims[1], dims[2]),
            4 => (dims[1], dims[2], dims[3]),
            _ => throw new DataException(imagesPath, null, null, $"an IDX image file has 3 dimensions (images × height × width) or 4 (images × channels × height × width); this one has {dims.Length} ({string.Join("×", dims)}){(dims.Length == 1 ? ": is it a label file?" : "")}"),
        };
        if ((channels, height, width) != (image.Channels, image.Height, image.Width))
            throw new DataException(imagesPath, null, null, $"the images are {channels}×{height}×{width}, but data.image declares {image.Shape} (channels × height × width)");
        var lookup = new float[256];
        for (int b = 0; b < 256; b++) lookup[b] = image.Transform(b);
        var values = new float[images.Values.Length];
        for (int i = 0; i < values.Length; i++) values[i] = lookup[images.Values[i]];
        var columns = new List<TableColumn>();
        if (labelsPath is not null && labelColumn is not null)
        {
            var labels = IdxFile.Read(labelsPath);
            if (labels.Dimensions.Length != 1)
                throw new DataException(labelsPath, null, null, $"an IDX label file has one dimension (one label per image); this one has {labels.Dimensions.Length} ({string.Join("×", labels.Dimensions)}): is it an image file?");
            if (labels.Count != images.Count)
                throw new DataException(labelsPath, null, null, $"holds {labels.Count:N0} labels, but {Path.GetFileName(imagesPath)} holds {images.Count:N0} images; each image needs exactly one label");
            var names = Enumerable.Range(0, 256).Select(b => b.ToString(CultureInfo.InvariantCulture)).ToArray();
            columns.Add(TableColumn.Text(labelColumn, ColumnKind.Categorical, labels.Values.Select(b => (string?)names[b]).ToArray()));
        }
        columns.Add(TableColumn.Vector(image.Column, ColumnKind.Image, values, image.Size));
        return new DataTable(columns, images.Path, images.Sha256, Enumerable.Range(1, images.Count).ToArray());
    }

    /// <summary>The pixel columns of a CSV file: <paramref name="features"/> when given, else every column except
    /// <paramref name="reserved"/> ones (label, split, kept) and those declared <c>ignore</c>, in file order.</summary>
    public static IReadOnlyList<string> PixelColumns(string path, ReadOptions options, IReadOnlyList<string>? features, IEnumerable<string> reserved)
    {
        if (features is not null) return features;
        var names = TableLoader.ReadHeader(path, DataSource.Separator(options.Separator, path), options.Header);
        var skip = reserved.ToHashSet();
        return names.Where(n => !skip.Contains(n) && options.Kinds.GetValueOrDefault(n) != ColumnKind.Ignore).ToList();
    }

    /// <summary>Reads a CSV file whose <paramref name="pixels"/> columns hold the pixels (see <see cref="ImageSpec"/>)
    /// and packs them into one image column; the other kept columns (<paramref name="options"/>' kinds) stay as they are.</summary>
    public static DataTable LoadCsv(string path, ImageSpec image, ReadOptions options, IReadOnlyList<string> pixels)
    {
        CheckCount(path, image, pixels);
        var kinds = new Dictionary<string, ColumnKind>(options.Kinds);
        foreach (var p in pixels) kinds[p] = ColumnKind.Numeric;
        var keep = (options.Keep ?? options.Kinds.Keys.ToHashSet()).Concat(pixels).ToHashSet();
        var table = TableLoader.Load(path, options with { Kinds = kinds, Keep = keep, Required = (options.Required ?? []).Concat(pixels).Distinct().ToList() });
        return Pack(table, pixels, image);
    }

    /// <summary>Reads a CSV file in chunks (for prediction on files of any size), each chunk's pixels packed.</summary>
    public static IEnumerable<DataTable> ReadCsvChunks(string path, ImageSpec image, ReadOptions options, IReadOnlyList<string> pixels, int chunkRows)
    {
        CheckCount(path, image, pixels);
        var kinds = new Dictionary<string, ColumnKind>(options.Kinds);
        kinds.Remove(image.Column);
        foreach (var p in pixels) kinds[p] = ColumnKind.Numeric;
        var required = (options.Required ?? []).Where(r => r != image.Column).Concat(pixels).Distinct().ToList();
        foreach (var chunk in TableLoader.ReadChunks(path, options with { Kinds = kinds, Keep = kinds.Keys.ToHashSet(), Required = required }, chunkRows))
            yield return Pack(chunk, pixels, image);
    }

    /// <summary>Replaces the <paramref name="pixels"/> columns of <paramref name="table"/> by one image column of scaled
    /// values. A missing pixel is an error naming its line and column: a network cannot take NaN.</summary>
    public static DataTable Pack(DataTable table, IReadOnlyList<string> pixels, ImageSpec image)
    {
        CheckCount(table.Source, image, pixels);
        int rows = table.RowCount, size = image.Size;
        var values = new float[checked(rows * size)];
        for (int p = 0; p < size; p++)
        {
            var column = table.Find(pixels[p]) ?? throw new DataException(table.Source, 1, $"'{pixels[p]}'", "no such pixel column");
            var numbers = column.Numbers ?? throw new DataException(table.Source, null, $"'{pixels[p]}'", $"a pixel column must hold numbers; it was read as {SnakeCase.Of(column.Kind)}");
            for (int r = 0; r < rows; r++)
            {
                float raw = numbers[r];
                if (float.IsNaN(raw))
                    throw new DataException(table.Source, table.Lines[r], $"'{pixels[p]}' (pixel {p})", "a pixel is missing; images must be complete");
                values[r * size + p] = image.Transform(raw);
            }
        }
        var keep = pixels.ToHashSet();
        var columns = table.Columns.Where(c => !keep.Contains(c.Name)).Append(TableColumn.Vector(image.Column, ColumnKind.Image, values, size)).ToList();
        return table with { Columns = columns };
    }

    private static void CheckCount(string source, ImageSpec image, IReadOnlyList<string> pixels)
    {
        if (pixels.Count == image.Size) return;
        string which = pixels.Count == 0 ? "none" : pixels.Count <= 4 ? string.Join(", ", pixels) : $"{pixels[0]}, {pixels[1]} … {pixels[^1]}";
        throw new DataException(source, 1, null,
            $"data.image declares {image.Shape} = {image.Size} pixels per image, but {pixels.Count} pixel column(s) were found ({which}); fix data.image, or list the pixel columns under `features` (channel by channel, each row-major)");
    }
}
