using System.Buffers.Binary;
using System.IO.Compression;
using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests.Data;

/// <summary>IDX files (valid, gzip, damaged) and pixel CSVs become one image column of the declared shape.</summary>
[TestClass]
public sealed class ImageLoaderTests
{
    private static readonly ImageSpec TwoByThree = new() { Height = 2, Width = 3, Scale = 255 };

    /// <summary>An IDX file: 0, 0, type, rank, the big-endian sizes, then the bytes.</summary>
    private static byte[] Idx(int[] dimensions, byte[] values, byte type = 0x08)
    {
        var bytes = new byte[4 + 4 * dimensions.Length + values.Length];
        bytes[2] = type;
        bytes[3] = (byte)dimensions.Length;
        for (int d = 0; d < dimensions.Length; d++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), dimensions[d]);
        values.CopyTo(bytes, 4 + 4 * dimensions.Length);
        return bytes;
    }

    private static string WriteFile(TempDir dir, string name, byte[] bytes, bool gzip = false)
    {
        var path = dir.File(name);
        if (!gzip) File.WriteAllBytes(path, bytes);
        else
        {
            using var file = File.Create(path);
            using var zip = new GZipStream(file, CompressionLevel.Fastest);
            zip.Write(bytes);
        }
        return path;
    }

    private static readonly byte[] ThreeImages = Enumerable.Range(0, 18).Select(i => (byte)(i * 15)).ToArray();

    [TestMethod]
    public void ReadsImagesAndLabelsPlainAndGzip()
    {
        using var dir = new TempDir();
        foreach (bool gzip in new[] { false, true })
        {
            var images = WriteFile(dir, $"images{gzip}", Idx([3, 2, 3], ThreeImages), gzip);
            var labels = WriteFile(dir, $"labels{gzip}", Idx([3], [7, 0, 7]), gzip);
            Assert.IsTrue(IdxFile.Looks(images));
            var table = ImageLoader.LoadIdx(images, labels, TwoByThree, "label");
            Assert.AreEqual(3, table.RowCount);
            CollectionAssert.AreEqual(new[] { "7", "0", "7" }, table.Find("label")!.Texts);
            var image = table.Find("image")!;
            Assert.AreEqual(ColumnKind.Image, image.Kind);
            Assert.AreEqual(6, image.Width);
            CollectionAssert.AreEqual(ThreeImages.Select(b => b / 255f).ToArray(), image.Vectors);
            Assert.AreEqual(DataSource.Sha256(images), table.Sha256);
        }
    }

    [TestMethod]
    public void ACsvIsNotTakenForIdx()
    {
        using var dir = new TempDir();
        Assert.IsFalse(IdxFile.Looks(WriteFile(dir, "a.csv", "label,p0\n1,2\n"u8.ToArray())));
    }

    [TestMethod]
    public void BadMagicTruncatedExtraBytesAndTypeAreNamed()
    {
        using var dir = new TempDir();
        var magic = WriteFile(dir, "magic", [0x01, 0x02, 0x08, 0x03, 0, 0]);
        StringAssert.Contains(Assert.ThrowsExactly<DataException>(() => IdxFile.Read(magic)).Message, $"{magic}: not an IDX file: it starts with 0x0102");

        var truncated = WriteFile(dir, "truncated.gz", Idx([3, 2, 3], ThreeImages[..10]), gzip: true);
        StringAssert.Contains(Assert.ThrowsExactly<DataException>(() => IdxFile.Read(truncated)).Message, $"{truncated}: truncated: the header announces 3×2×3 = 18 values, the file holds 10");

        var header = WriteFile(dir, "header", Idx([3, 2, 3], [])[..9]);
        StringAssert.Contains(Assert.ThrowsExactly<DataException>(() => IdxFile.Read(header)).Message, "truncated: the header of 3 dimension(s) needs 16 bytes, the file holds 9");

        var extra = WriteFile(dir, "extra", Idx([3, 2, 3], [.. ThreeImages, 1, 2]));
        StringAssert.Contains(Assert.ThrowsExactly<DataException>(() => IdxFile.Read(extra)).Message, "2 byte(s) after the 3×2×3 = 18 values");

        var floats = WriteFile(dir, "floats", Idx([1], [0, 0, 0, 0], type: 0x0D));
        StringAssert.Contains(Assert.ThrowsExactly<DataException>(() => IdxFile.Read(floats)).Message, "IDX value type 0x0D (32-bit floats) is not supported");
    }

    [TestMethod]
    public void LabelCountShapeAndSwappedFilesAreNamed()
    {
        using var dir = new TempDir();
        var images = WriteFile(dir, "images", Idx([3, 2, 3], ThreeImages));
        var twoLabels = WriteFile(dir, "labels", Idx([2], [1, 2]));
        var mismatch = Assert.ThrowsExactly<DataException>(() => ImageLoader.LoadIdx(images, twoLabels, TwoByThree, "label"));
        StringAssert.Contains(mismatch.Message, $"{twoLabels}: holds 2 labels, but images holds 3 images");

        var shape = Assert.ThrowsExactly<DataException>(() => ImageLoader.LoadIdx(images, null, TwoByThree with { Height = 3, Width = 2 }, null));
        StringAssert.Contains(shape.Message, "the images are 1×2×3, but data.image declares 1×3×2");

        var swapped = Assert.ThrowsExactly<DataException>(() => ImageLoader.LoadIdx(twoLabels, images, TwoByThree, "label"));
        StringAssert.Contains(swapped.Message, "is it a label file?");
    }

    [TestMethod]
    public void PixelCsvIsPackedAndScaledAndItsShapeChecked()
    {
        using var dir = new TempDir();
        var csv = dir.File("pixels.csv");
        File.WriteAllText(csv, "label,p0,p1,p2,p3,p4,p5\na,0,51,102,153,204,255\nb,255,0,0,0,0,10\n");
        var options = new ReadOptions("auto", true, new MissingSpec().Values, MissingPolicy.Keep,
            new Dictionary<string, ColumnKind> { ["label"] = ColumnKind.Categorical }, new HashSet<string> { "label" }, ["label"]);
        var pixels = ImageLoader.PixelColumns(csv, options, null, ["label"]);
        CollectionAssert.AreEqual(new[] { "p0", "p1", "p2", "p3", "p4", "p5" }, pixels.ToArray());
        var table = ImageLoader.LoadCsv(csv, TwoByThree with { Mean = 0.5, Std = 0.5 }, options, pixels);
        CollectionAssert.AreEqual(new[] { "label", "image" }, table.Columns.Select(c => c.Name).ToArray());
        var values = table.Find("image")!.Vectors!;
        Assert.AreEqual(-1f, values[0], 1e-6);   // (0/255 − 0.5) / 0.5
        Assert.AreEqual(1f, values[5], 1e-6);    // (255/255 − 0.5) / 0.5
        Assert.AreEqual(1f, values[6], 1e-6);

        var wrong = Assert.ThrowsExactly<DataException>(() => ImageLoader.LoadCsv(csv, TwoByThree with { Width = 4 }, options, pixels));
        StringAssert.Contains(wrong.Message, $"{csv}:1: data.image declares 1×2×4 = 8 pixels per image, but 6 pixel column(s) were found (p0, p1 … p5)");

        File.WriteAllText(csv, "label,p0,p1,p2,p3,p4,p5\na,0,51,102,153,204,255\nb,255,0,NA,0,0,10\n");
        var gap = Assert.ThrowsExactly<DataException>(() => ImageLoader.LoadCsv(csv, TwoByThree, options, pixels));
        StringAssert.Contains(gap.Message, $"{csv}:3: column 'p2' (pixel 2): a pixel is missing");
    }

    [TestMethod]
    public void Mnist10kIdxAndCsvHoldTheSameImages()
    {
        var image = new ImageSpec { Height = 28, Width = 28 };
        var idx = ImageLoader.LoadIdx(Repo.Dataset("mnist_10k/mnist_10k-images-idx3-ubyte.gz"), Repo.Dataset("mnist_10k/mnist_10k-labels-idx1-ubyte.gz"), image, "label");
        var csvPath = Repo.Dataset("mnist_10k/mnist_10k.csv.gz");
        var options = new ReadOptions("auto", true, new MissingSpec().Values, MissingPolicy.Keep,
            new Dictionary<string, ColumnKind> { ["label"] = ColumnKind.Categorical }, new HashSet<string> { "label" }, ["label"]);
        var csv = ImageLoader.LoadCsv(csvPath, image, options, ImageLoader.PixelColumns(csvPath, options, null, ["label"]));
        Assert.AreEqual(10_000, idx.RowCount);
        CollectionAssert.AreEqual(csv.Find("label")!.Texts, idx.Find("label")!.Texts);
        CollectionAssert.AreEqual(csv.Find("image")!.Vectors, idx.Find("image")!.Vectors);
    }
}
